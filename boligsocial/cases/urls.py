from django.urls import path

from boligsocial.cases.views import (
    case,
    changelog,
    legal,
    lists,
    oversight,
    public,
    sections,
    sharing,
)

app_name = "cases"

urlpatterns = [
    path("sager/", lists.case_list, name="list"),
    path("sager/overskredne/", lists.overdue_list, name="overdue"),
    path("sager/snart-frist/", lists.due_soon_list, name="due_soon"),
    path("sager/ny/", case.case_create, name="create"),
    path("sager/statistik/", oversight.statistics, name="statistics"),
    path("sager/adgangslog/", oversight.access_log, name="access_log"),
    path("sager/aendringslog/", changelog.change_log, name="change_log"),
    path("sager/indsigt/", oversight.person_export, name="person_export"),
    path("sager/brevskabeloner/", legal.letter_templates, name="letter_templates"),
    path(
        "sager/brevskabeloner/<int:organisation_pk>/<str:kind>/",
        legal.letter_template_edit,
        name="letter_template_edit",
    ),
    path("sager/<int:pk>/", case.case_detail, name="detail"),
    path("sager/<int:pk>/rediger/", case.case_edit, name="edit"),
    path("sager/<int:pk>/kontakt/", case.record_contact, name="contact"),
    path("sager/<int:pk>/haendelse/", case.add_event, name="event"),
    path("sager/<int:pk>/status/", case.change_status, name="status"),
    path("sager/<int:pk>/afslut/", case.close_case, name="close"),
    path("sager/<int:pk>/genaabn/", case.reopen_case, name="reopen"),
    path("sager/<int:pk>/parter/ny/", case.add_party, name="party_add"),
    path("sager/<int:pk>/bilag/", case.add_attachment, name="attachment_add"),
    path(
        "sager/<int:pk>/bilag/<int:attachment_pk>/",
        case.download_attachment,
        name="attachment",
    ),
    path("sager/<int:pk>/jura/<str:step>/", legal.legal_step, name="legal_step"),
    path("sager/<int:pk>/breve/ny/<str:kind>/", legal.letter_create, name="letter_create"),
    path("sager/<int:pk>/breve/<int:letter_pk>.pdf", legal.letter_pdf, name="letter_pdf"),
    path("sager/<int:pk>/maegling/", sections.mediation, name="mediation"),
    path("sager/<int:pk>/krise/", sections.crisis, name="crisis"),
    path("sager/<int:pk>/krise/opgave/<str:kind>/", sections.crisis_task, name="crisis_task"),
    path("sager/<int:pk>/krise/moede/", sections.crisis_meeting, name="crisis_meeting"),
    path("sager/<int:pk>/del/", sharing.share, name="share"),
    path(
        "sager/<int:pk>/del/<int:share_pk>/tilbagekald/",
        sharing.share_revoke,
        name="share_revoke",
    ),
    path("klage/", public.intake, name="intake"),
    path("klage/kvittering/<str:reference>/", public.intake_receipt, name="intake_receipt"),
    path("hurtig/", public.quick_report, name="quick_report"),
    path("hurtig/tak/", public.quick_report_done, name="quick_report_done"),
]
