from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top of the house: the home page, the navigation, the dashboard and the demo data,
    collected from every app. Nothing imports this app."""

    name = "boligsocial.site"
    label = "site"  # django.contrib.sites is "sites"; no installed app uses "site"
    verbose_name = _("Site")
