from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "boligsocial.guides"
    label = "guides"
    verbose_name = _("Question guides")

    def ready(self) -> None:
        from boligsocial.core import permissions
        from boligsocial.guides import access

        permissions.register(access.can, actions=access.ACTIONS)
