from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "boligsocial.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from boligsocial.cases import access
        from boligsocial.core import permissions

        permissions.register(access.can, actions=access.ACTIONS)
