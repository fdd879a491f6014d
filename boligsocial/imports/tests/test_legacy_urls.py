"""The import URLs from before the imports app answer with permanent redirects to their pages."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/organisationer/{org}/import/", "/import/afdelinger/?organisation={org}"),
        ("/organisationer/{org}/import/?kind=lejemaal", "/import/lejemaal/?organisation={org}"),
        ("/organisationer/{org}/import/?kind=x", "/import/afdelinger/?organisation={org}"),
        (
            "/organisationer/{org}/import/skabelon/lejemaal.xlsx",
            "/import/lejemaal/skabelon.xlsx?organisation={org}",
        ),
        ("/trafiklys/import/", "/import/vaerdier/"),
        ("/trafiklys/import/?kind=lister", "/import/lister/"),
        ("/trafiklys/import/17/", "/import/17/"),
        ("/trafiklys/import/skabelon/vaerdier.csv", "/import/vaerdier/skabelon.csv"),
    ],
)
def test_old_import_urls_redirect_permanently(world, client_for, old, new):
    response = client_for("head_a").get(old.format(org=world.org_a.pk))
    assert (response.status_code, response["Location"]) == (301, new.format(org=world.org_a.pk))


def test_old_urls_still_send_anonymous_users_to_login(world, client):
    response = client.get(f"/organisationer/{world.org_a.pk}/import/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
