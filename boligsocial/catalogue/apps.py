from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "boligsocial.catalogue"
    label = "catalogue"
    verbose_name = _("Intervention catalogue")

    def ready(self) -> None:
        from boligsocial.catalogue import access, recommendations
        from boligsocial.core import contributions, permissions

        permissions.register(access.policy, actions=access.ACTIONS)
        contributions.register_recommendation_provider(
            recommendations.for_department, bulk=recommendations.for_departments
        )
