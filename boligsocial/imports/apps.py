from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "boligsocial.imports"
    label = "imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from boligsocial.core import permissions
        from boligsocial.imports import access

        permissions.register(access.policy, actions=access.ACTIONS)
