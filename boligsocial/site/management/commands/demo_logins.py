"""`manage.py demo_logins`: print the demo personas and their password (used by `make run`).

Prints nothing but a short note when the database holds no demo data or also real data."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from boligsocial.core.demo import DEMO_PASSWORD, demo_users_q
from boligsocial.site.demo import demo_modules, demo_usernames, is_demo_database


class Command(BaseCommand):
    help = "Viser demobrugerne og deres adgangskode, hvis databasen indeholder demodata."

    def handle(self, *args, **options):
        modules = demo_modules()
        existing = set(
            get_user_model()
            .objects.filter(demo_users_q(demo_usernames(modules)))
            .values_list("username", flat=True)
        )
        personas = [
            (username, description)
            for module in modules
            for username, description in getattr(module, "DEMO_PERSONAS", ())
            if username in existing
        ]
        if not personas or not is_demo_database():
            self.stderr.write("Ingen demodata i databasen (opret dem med manage.py seed_demo).")
            return
        header = ("Brugernavn", "Rolle og adgang")
        width = max(len(header[0]), *(len(u) for u, _ in personas))
        rule = "-" * width + "  " + "-" * max(len(header[1]), *(len(d) for _, d in personas))
        lines = [
            f"Demo-logins (adgangskode: {DEMO_PASSWORD})",
            "",
            f"{header[0]:<{width}}  {header[1]}",
            rule,
            *(f"{username:<{width}}  {description}" for username, description in personas),
        ]
        self.stdout.write("\n".join(lines))
