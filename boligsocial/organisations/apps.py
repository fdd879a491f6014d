from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "boligsocial.organisations"
    label = "organisations"
    verbose_name = _("Housing organisations and departments")

    def ready(self) -> None:
        from boligsocial.core import permissions
        from boligsocial.organisations import access

        permissions.register(access.can, actions=access.ACTIONS)
