from django.urls import path

from boligsocial.visits.views import campaigns, field, findings, photos

app_name = "visits"

urlpatterns = [
    path("servicebesoeg/", campaigns.campaign_list, name="list"),
    path("servicebesoeg/sw.js", field.service_worker, name="service_worker"),
    path("servicebesoeg/synk/", field.sync, name="sync"),
    path("servicebesoeg/ny/", campaigns.campaign_create, name="create"),
    path("servicebesoeg/<int:pk>/", campaigns.detail, name="detail"),
    path("servicebesoeg/<int:pk>/tildel/", campaigns.assign, name="assign"),
    path("servicebesoeg/<int:pk>/afslut/", campaigns.finish, name="finish"),
    path("servicebesoeg/<int:pk>/varsling/", campaigns.letters, name="letters"),
    path("servicebesoeg/<int:pk>/opfoelgning/", campaigns.follow_up, name="follow_up"),
    path("servicebesoeg/<int:pk>/fund/", findings.findings, name="findings"),
    path("servicebesoeg/<int:pk>/fund/eksport/", findings.export, name="export"),
    path("servicebesoeg/<int:pk>/besoeg/", field.field, name="field"),
    path("servicebesoeg/<int:pk>/besoeg/<int:visit_pk>/", field.visit, name="visit"),
    path("servicebesoeg/<int:pk>/besoeg/<int:visit_pk>/foto/", photos.upload, name="photo_upload"),
    path("servicebesoeg/foto/<int:pk>/", photos.photo, name="photo"),
    path("servicebesoeg/konflikter/<int:pk>/", campaigns.resolve_conflict, name="resolve"),
]
