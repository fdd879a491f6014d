"""The pages a person uses without being logged in: accepting an invitation (choosing a
password through its one-time link) and resetting a forgotten password by e-mail.

Django's auth views (they are public, `login_not_required`, and keep the token out of the
address bar by moving it to the session), with Danish templates, and our services to write the
password (so the change log has it)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts import services
from boligsocial.accounts.tokens import invitation_tokens
from boligsocial.core import ratelimit
from boligsocial.core.forms import DkfdsForm

PASSWORD_HINT = gettext_lazy(
    "At least 12 characters. Not like your name or username, not a common password and not only "
    "digits."
)


class ChoosePasswordForm(DkfdsForm, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password1"].widget.attrs["aria-describedby"] = "id_new_password1-hint"


class ResetRequestForm(DkfdsForm, PasswordResetForm):
    pass


class _OwnPasswordView(auth_views.PasswordResetConfirmView):
    """Choose a password through a one-time link; an inactive user's link does not work."""

    form_class = ChoosePasswordForm
    post_reset_login = False
    reset_url_token = "vaelg"  # noqa: S105 - the path segment that replaces the token

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def save_password(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        user = self.save_password(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        self.after_save(user)
        return HttpResponseRedirect(self.get_success_url())

    def after_save(self, user) -> None:
        pass


class InvitationView(_OwnPasswordView):
    template_name = "accounts/invitation.html"
    token_generator = invitation_tokens
    success_url = reverse_lazy("login")
    title = gettext_lazy("Choose your password")

    def save_password(self, form):
        return services.accept_invitation(
            user=form.user, password=form.cleaned_data["new_password1"]
        )

    def after_save(self, user) -> None:
        messages.success(
            self.request,
            _("Your password has been saved. Log in with your username %(username)s.")
            % {"username": user.get_username()},
        )


class PasswordResetConfirmView(_OwnPasswordView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    title = gettext_lazy("Choose a new password")

    def save_password(self, form):
        return services.reset_password(user=form.user, password=form.cleaned_data["new_password1"])


#: Reset requests per client address and hour (then a Danish 429), and reset mails per e-mail
#: address and hour (then the usual answer without a mail: nobody can flood a mailbox, and the
#: answer tells nothing about the address). Counted in the cache all workers share.
RESET_LIMIT_PER_ADDRESS = 10
RESET_MAILS_PER_EMAIL = 3
RESET_WINDOW_SECONDS = 60 * 60


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    title = gettext_lazy("Forgotten password")

    def form_valid(self, form):
        address = ratelimit.client_address(self.request)
        if not ratelimit.hit(
            f"accounts:reset:{address}",
            limit=RESET_LIMIT_PER_ADDRESS,
            window_seconds=RESET_WINDOW_SECONDS,
        ):
            form.add_error(
                None,
                _(
                    "Too many requests for a new password from this connection. Wait an hour "
                    "and try again, or ask your organisation's administrator."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not ratelimit.hit(
            f"accounts:reset-mail:{form.cleaned_data['email'].strip().lower()}",
            limit=RESET_MAILS_PER_EMAIL,
            window_seconds=RESET_WINDOW_SECONDS,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    title = gettext_lazy("Check your e-mail")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    title = gettext_lazy("Your new password is saved")
