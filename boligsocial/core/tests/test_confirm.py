"""core.confirm: the shared "are you sure?" page and its check."""

import pytest
from django.test import RequestFactory

from boligsocial.core.confirm import confirm_page, confirmed

pytestmark = pytest.mark.django_db


def test_only_a_post_with_the_confirmation_counts():
    rf = RequestFactory()
    assert confirmed(rf.post("/x/", {"confirmed": "yes"})) is True
    assert confirmed(rf.post("/x/", {"confirmed": "no"})) is False
    assert confirmed(rf.post("/x/", {})) is False
    assert confirmed(rf.get("/x/", {"confirmed": "yes"})) is False


def test_the_page_names_the_action_posts_back_and_offers_cancel(personas):
    request = RequestFactory().get("/indsatser/7/slet/")
    request.user = personas["head_a"]
    response = confirm_page(
        request,
        title="Slet indsatsen?",
        consequence="Indsatsen og dens afgørelser slettes.",
        button="Slet indsatsen",
        cancel="/indsatser/7/",
        lead="SSP i Gellerup",
        details=["Det kan ikke fortrydes."],
        items=["Kommunen <kontakt@x.dk>"],
        fields={"step": "end"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Slet indsatsen?</h1>" in body
    assert '<form method="post" action="/indsatser/7/slet/"' in body
    assert '<input type="hidden" name="confirmed" value="yes">' in body
    assert '<input type="hidden" name="step" value="end">' in body
    assert '<button type="submit" class="button button-warning">Slet indsatsen</button>' in body
    assert '<a href="/indsatser/7/" class="button button-secondary">Annullér</a>' in body
    assert "<li>Kommunen &lt;kontakt@x.dk&gt;</li>" in body  # escaped
    assert "<p>Det kan ikke fortrydes.</p>" in body
