"""Sending invitations and reminders is pluggable (issue 15, part 2).

`SURVEYS_SENDER` (a dotted path, default the console sender) names a class with `name` and
`remind(survey=, invitation=)` (and `invite(survey=, issued=)` for a new invitation with its
link). The demo and development use `ConsoleSender`, which writes one line per household to the
log and sends nothing. A real sender (e-mail through Django's mail, an SMS gateway) only reaches
households whose address the organisation has (`Invitation.email` / `phone`); the others get a
printed letter. Reminders carry no link: the token is never stored, so a reminder asks the
household to use the link or code in its letter."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("boligsocial.surveys")


class ConsoleSender:
    name = "console"

    def __init__(self):
        self.sent: list[tuple[str, int]] = []

    def invite(self, *, survey, issued) -> None:
        self.sent.append(("invite", issued.invitation.pk))
        logger.info("survey %s: invitation for invitation %s", survey.pk, issued.invitation.pk)

    def remind(self, *, survey, invitation) -> None:
        self.sent.append(("remind", invitation.pk))
        logger.info("survey %s: reminder for invitation %s", survey.pk, invitation.pk)


def get_sender():
    path = getattr(settings, "SURVEYS_SENDER", "boligsocial.surveys.senders.ConsoleSender")
    return import_string(path)()
