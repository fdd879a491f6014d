from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "boligsocial.coordination"
    label = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from boligsocial.coordination import access, picture, signals
        from boligsocial.core import permissions

        permissions.register(access.policy, actions=access.ACTIONS)
        signals.connect()
        picture.connect()
