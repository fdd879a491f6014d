from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "boligsocial.reports"
    label = "reports"
    verbose_name = _("Styringsdialog")

    def ready(self) -> None:
        from boligsocial.core import permissions
        from boligsocial.reports import access

        permissions.register(access.policy, actions=access.ACTIONS)
