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
    "cases:today": _("Today's cases"),
    "cases:reassign": _("Reassign cases"),
    "cases:own_report": _("Caretaker: own report"),
    "cases:own_reports": _("Caretaker: own reports"),
    "cases:contact": _("Record contact"),
    "cases:event": _("Add to the timeline"),
    "cases:status": _("Change status"),
    "cases:close": _("Close the case"),
    "cases:reopen": _("Reopen the case"),
    "cases:party_add": _("Add a party"),
    "cases:attachment_add": _("Upload an attachment"),
    "cases:legal_step": _("Legal step"),
    "cases:board_decision": _("The complaints board's decision"),
    "cases:court_outcome": _("The housing court's judgment"),
    "cases:letter_edit": _("Edit a letter draft"),
    "cases:letter_issue": _("Issue a letter"),
    "cases:letter_discard": _("Delete a letter draft"),
    "cases:crisis_task": _("Crisis checklist item"),
    "cases:crisis_meeting": _("Crisis meeting"),
    "cases:share": _("Share with a municipal user"),
    "cases:share_revoke": _("Revoke a share"),
    "api:case-board-decision": _("API: the complaints board's decision"),
    "api:case-court-outcome": _("API: the housing court's judgment"),
    "api:case-legal-track": _("API: the legal track"),
    "api:case-letters": _("API: the case's letters"),
    "api:case-letter": _("API: one letter"),
    "api:case-letter-issue": _("API: issue a letter"),
    "api:case-letter-pdf": _("API: a letter (PDF)"),
}


def route_label(route: str) -> str:
    label = ROUTE_LABELS.get(route)
    return str(label) if label is not None else route
