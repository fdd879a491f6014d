from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysesConfig(AppConfig):
    name = "boligsocial.analyses"
    label = "analyses"
    verbose_name = _("Vulnerability analyses")

    def ready(self) -> None:
        from boligsocial.analyses import access
        from boligsocial.core import permissions

        permissions.register(access.can, actions=access.ACTIONS)
