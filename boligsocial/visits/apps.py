from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "boligsocial.visits"
    label = "visits"
    verbose_name = _("Service visits")

    def ready(self) -> None:
        from boligsocial.core import contributions, permissions
        from boligsocial.visits import access, retention

        permissions.register(access.can, actions=access.ACTIONS)
        contributions.register_retention_job("visits", retention.purge_due)
