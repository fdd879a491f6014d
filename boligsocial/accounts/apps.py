from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "boligsocial.accounts"
    label = "accounts"
    verbose_name = _("User administration")

    def ready(self) -> None:
        from boligsocial.accounts import access
        from boligsocial.core import permissions

        permissions.register(access.policy, actions=access.ACTIONS)
