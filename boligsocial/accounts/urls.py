from django.urls import path

from boligsocial.accounts.views import actions, people, public

app_name = "accounts"

urlpatterns = [
    path("brugere/", people.people, name="people"),
    path("brugere/eksport.xlsx", people.export, name="export"),
    path("brugere/aarlig-gennemgang/", people.review, name="review"),
    path("brugere/inviter/", actions.invite, name="invite"),
    path("brugere/personer/<int:pk>/", people.person, name="person"),
    path("brugere/personer/<int:pk>/deaktiver/", actions.deactivate, name="deactivate"),
    path(
        "brugere/personer/<int:pk>/ny-invitation/",
        actions.resend_invitation,
        name="resend_invitation",
    ),
    path("brugere/roller/<int:pk>/skift/", actions.change_role, name="change_role"),
    path("brugere/roller/<int:pk>/afslut/", actions.end_membership, name="end_membership"),
    path("brugere/roller/<int:pk>/bekraeft/", actions.confirm_membership, name="confirm"),
    # Public: the invitation's one-time link and the password reset by e-mail.
    path("invitation/<uidb64>/<token>/", public.InvitationView.as_view(), name="invitation"),
    path("adgangskode/glemt/", public.PasswordResetView.as_view(), name="password_reset"),
    path(
        "adgangskode/glemt/sendt/",
        public.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "adgangskode/ny/<uidb64>/<token>/",
        public.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "adgangskode/ny/gemt/",
        public.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
