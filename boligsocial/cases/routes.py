"""The access log's routes in words: the URL name a read was made through (stored as it is, so
the log stays exact when a page is renamed) and what the access-log page shows for it. A route
not named here (a page added later) is shown as its URL name."""

from django.utils.translation import gettext_lazy as _

ROUTE_LABELS = {
    "cases:detail": _("Case page"),
    "cases:edit": _("Edit case (also the edit conflict)"),
    "cases:list": _("Case list (or its search)"),
    "cases:overdue": _("Case list: overdue"),
    "cases:due_soon": _("Case list: due soon"),
    "cases:list_export": _("Case list export (Excel/CSV)"),
    "cases:person_export": _("Right of access: export of a person's data"),
    "cases:letter_create": _("Letter"),
    "cases:letter_pdf": _("Letter (PDF)"),
    "cases:attachment": _("Attachment downloaded"),
    "cases:mediation": _("Mediation"),
    "cases:crisis": _("Crisis checklist"),
    "cases:party_edit": _("Correct a party"),
    "cases:party_delete": _("Delete a party"),
    "cases:event_edit": _("Correct a timeline entry"),
    "cases:event_delete": _("Delete a timeline entry"),
    "cases:attachment_delete": _("Delete an attachment"),
    "api:case-list": _("API: case list"),
    "api:case-detail": _("API: one case"),
    "api:case-events": _("API: the case's timeline"),
    "api:case-parties": _("API: the case's parties"),
    "api:case-deadlines": _("API: the case's deadlines"),
    "api:case-record-contact": _("API: record contact"),
    "api:case-close": _("API: close the case"),
    "api:case-reopen": _("API: reopen the case"),
    "api:case-legal-step": _("API: legal step"),
}


def route_label(route: str) -> str:
    label = ROUTE_LABELS.get(route)
    return str(label) if label is not None else route
