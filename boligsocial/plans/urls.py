from django.urls import path

from boligsocial.plans.views import budget, documents, edit, pages

app_name = "plans"
urlpatterns = [
    path("helhedsplaner/", pages.index, name="index"),
    path("helhedsplaner/ny/", edit.create, name="create"),
    path("helhedsplaner/<int:pk>/", pages.agreement, name="plan"),
    path("helhedsplaner/<int:pk>/delaftaler/", pages.sub_agreements, name="sub_agreements"),
    path("helhedsplaner/<int:pk>/maal/", pages.goals, name="goals"),
    path("helhedsplaner/<int:pk>/aktiviteter/", pages.activities, name="activities"),
    path("helhedsplaner/<int:pk>/budget/", pages.budget, name="budget"),
    path("helhedsplaner/<int:pk>/budget/excel/", pages.budget_export, name="budget_export"),
    path("helhedsplaner/<int:pk>/rapporter/", pages.reports, name="reports"),
    path("helhedsplaner/<int:pk>/rapporter/status/", pages.status_report, name="status_report"),
    path(
        "helhedsplaner/<int:pk>/rapporter/status/pdf/",
        pages.status_report_pdf,
        name="status_report_pdf",
    ),
    path("helhedsplaner/<int:pk>/revisioner/", pages.revisions, name="revisions"),
    path("helhedsplaner/<int:pk>/dokumenter/", documents.index, name="documents"),
    path("helhedsplaner/<int:pk>/dokumenter/nyt/", documents.add, name="add_document"),
    path(
        "helhedsplaner/dokument/<int:pk>/ny-version/",
        documents.add_version,
        name="add_document_version",
    ),
    path(
        "helhedsplaner/dokumentversion/<int:pk>/hent/",
        documents.download,
        name="document_download",
    ),
    path(
        "helhedsplaner/dokumentversion/<int:pk>/fjern/",
        documents.remove,
        name="remove_document_version",
    ),
    path(
        "helhedsplaner/<int:pk>/rapporter/<slug:code>/<int:year>/ret/",
        edit.edit_report,
        name="edit_report",
    ),
    path(
        "helhedsplaner/<int:pk>/rapporter/<slug:code>/<int:year>/kommentar/",
        edit.comment_report,
        name="comment_report",
    ),
    path(
        "helhedsplaner/<int:pk>/rapporter/<slug:code>/<int:year>/send/",
        edit.send_report,
        name="send_report",
    ),
    path("helhedsplaner/partner/<int:pk>/", edit.edit_partner, name="edit_partner"),
    path("helhedsplaner/<int:pk>/milepaele/ny/", edit.add_milestone, name="add_milestone"),
    path("helhedsplaner/<int:pk>/grupper/ny/", edit.add_group, name="add_group"),
    path("helhedsplaner/<int:pk>/budget/forbrug/", edit.add_spending, name="add_spending"),
    path(
        "helhedsplaner/milepael/<int:pk>/naaet/",
        edit.complete_milestone,
        name="complete_milestone",
    ),
    path("helhedsplaner/<int:pk>/aftale/ret/", edit.edit_agreement, name="edit_agreement"),
    path("helhedsplaner/<int:pk>/delaftaler/ny/", edit.add_sub_agreement, name="add_sub_agreement"),
    path("helhedsplaner/<int:pk>/maal/nyt/", edit.add_goal, name="add_goal"),
    path("helhedsplaner/<int:pk>/aktiviteter/ny/", edit.add_activity, name="add_activity"),
    path("helhedsplaner/<int:pk>/budget/ret/", budget.edit_budget, name="edit_budget"),
    path("helhedsplaner/<int:pk>/godkendelse/", edit.approve, name="approve"),
    path("helhedsplaner/<int:pk>/status/<str:step>/", edit.transition, name="transition"),
    path("helhedsplaner/aktivitet/<int:pk>/", pages.activity, name="activity"),
    path("helhedsplaner/aktivitet/<int:pk>/log/", edit.log_session, name="log_session"),
]
