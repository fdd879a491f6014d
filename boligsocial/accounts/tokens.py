"""The one-time link in an invitation: Django's password-reset token generator with its own salt,
so an invitation link is no password-reset link and the other way round.

A token stops working when the user's password changes (the person chose one, or a new invitation
was sent), after `PASSWORD_RESET_TIMEOUT` seconds, and when the user is deactivated (which also
makes the password unusable)."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "boligsocial.accounts.tokens.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()
