from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalksConfig(AppConfig):
    name = "boligsocial.walks"
    label = "walks"
    verbose_name = _("Safety walks")

    def ready(self) -> None:
        from boligsocial.core import permissions
        from boligsocial.walks import access

        permissions.register(access.can, actions=access.ACTIONS)
        __import__("boligsocial.walks.contributions", fromlist=["register"]).register()
