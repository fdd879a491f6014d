from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "boligsocial.plans"
    label = "plans"
    verbose_name = _("Comprehensive plans")

    def ready(self) -> None:
        from boligsocial.core import contributions, permissions
        from boligsocial.plans import access, outcomes_feed

        permissions.register(access.policy, actions=access.ACTIONS)
        contributions.register_intervention_use_provider(outcomes_feed.uses_of)
