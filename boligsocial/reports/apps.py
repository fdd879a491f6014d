from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "boligsocial.reports"
    label = "reports"
    verbose_name = _("Styringsdialog")

    def ready(self) -> None:
        from boligsocial.core import contributions, permissions
        from boligsocial.reports import access, effect_panel

        permissions.register(access.policy, actions=access.ACTIONS)
        contributions.register_intervention_panel_provider(effect_panel.intervention_panel)
