from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "boligsocial.surveys"
    label = "surveys"
    verbose_name = _("Resident surveys")

    def ready(self) -> None:
        from boligsocial.core import permissions
        from boligsocial.surveys import access

        permissions.register(access.can, actions=access.ACTIONS)
        __import__("boligsocial.surveys.contributions", fromlist=["register"]).register()
