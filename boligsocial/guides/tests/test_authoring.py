"""Authoring guides in the UI (decision 0043): create a guide, add every question type, key
validation, reorder and remove themes and questions with confirmation, skip logic kept sound,
frozen versions never edited, every write audited, non-authors change nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from boligsocial.audit.models import ChangeLogEntry
from boligsocial.guides import services, spec
from boligsocial.guides.models import Guide, GuideVersion, Question, Theme

pytestmark = pytest.mark.django_db


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.fixture
def draft(personas, world):
    """Organisation A's own guide, a draft with two themes (the second steered by the first)."""
    version = services.create_guide(
        key="alfa_interview",
        name="Alfas interview",
        kind=spec.INTERVIEW,
        actor=personas["head_a"],
        organisation=world.org_a,
        first_theme=spec.Theme("tryghed", "Tryghed"),
    )
    theme = version.themes.get()
    for q in (
        spec.Question("utryg", "Føler beboerne sig utrygge?", spec.YES_NO,
                      choices=spec.yes_no_choices(yes_score=Decimal(100), no_score=Decimal(0))),
        spec.Question("hvor", "Hvor?", spec.TEXT, show_if_key="utryg", show_if_values=("yes",)),
        spec.Question("lys", "Antal defekte lamper", spec.NUMBER, unit="stk."),
    ):  # fmt: skip
        services.add_question(theme=theme, actor=personas["head_a"], question=q)
    services.add_theme(version=version, actor=personas["head_a"], key="naboer", title="Naboer")
    return version


def _keys(version) -> list[list[str]]:
    return [[q.key for q in t.questions] for t in version.spec().themes]


def test_a_head_creates_a_guide_for_their_organisation(client_for, world):
    response = client_for("head_a").post(
        reverse("guides:create"),
        {"key": "opgang_tjek", "name": "Opgangstjek", "name_en": "", "kind": "checklist",
         "description": "", "organisation": str(world.org_a.pk), "theme_key": "lys",
         "theme_title": "Lys og dør"},
    )  # fmt: skip
    guide = Guide.objects.get(key="opgang_tjek")
    version = guide.versions.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("guides:edit", args=[version.pk])
    assert (guide.organisation, guide.kind, version.number, version.published_at) == (
        world.org_a, "checklist", 1, None,
    )  # fmt: skip
    assert [(t.key, t.title) for t in version.themes.all()] == [("lys", "Lys og dør")]
    assert ChangeLogEntry.objects.filter(object_id=str(version.pk), action="create").count() == 1


def test_a_bad_new_guide_is_refused_in_danish_and_nothing_is_stored(client_for, world):
    before = Guide.objects.count()
    data = {"key": "saarbarhedsanalyse", "name": "X", "kind": "interview",
            "organisation": str(world.org_b.pk), "theme_key": "1tema",
            "theme_title": "T"}  # fmt: skip
    response = client_for("head_a").post(reverse("guides:create"), data)
    errors = response.context["form"].errors
    assert response.status_code == 200
    assert errors["key"] == ["Der findes allerede en guide med nøglen »saarbarhedsanalyse«."]
    assert errors["theme_key"] == [
        "Brug kun bogstaver (a–z), tal, _ og -, og begynd med et bogstav (højst 60 tegn)."
    ]
    assert "organisation" in errors  # organisation B is not hers to author for
    assert Guide.objects.count() == before


QUESTION = {"text": "", "text_en": "", "help_text": "", "weight": "1", "unit": "",
            "choices": "", "show_if_key": "", "show_if_values": ""}  # fmt: skip


def test_every_question_type_is_added_through_the_page(client_for, draft):
    theme = draft.themes.get(key="naboer")
    url = reverse("guides:question_add", args=[theme.pk])
    scale = "\n".join(f"{i} | Trin {i} | {(i - 1) * 25} | Step {i}" for i in range(1, 6))
    posts = [
        ("stoej", "scale", {"choices": scale, "required": "on", "weight": "2,5"}),
        ("kender", "yes_no", {"show_if_key": "utryg", "show_if_values": "yes no"}),
        ("antal", "number", {"unit": "familier"}),
        ("kontakt", "single", {"choices": "a | Ofte | 0\nb | Sjældent | 100"}),
        ("steder", "multiple", {"choices": "gaard | Gården |\nkaelder | Kælderen | 50"}),
        ("andet", "text", {"help_text": "Kun det nødvendige", "text_en": "Anything else?"}),
        ("billede", "photo", {}),
    ]
    client = client_for("head_a")
    for key, kind, extra in posts:
        data = QUESTION | {"key": key, "type": kind, "text": f"Spørgsmål {key}?"} | extra
        response = client.post(url, data)
        assert response.status_code == 302, (key, response.context["form"].errors)
    got = {q.key: q for q in draft.spec().themes[1].questions}
    assert list(got) == ["stoej", "kender", "antal", "kontakt", "steder", "andet", "billede"]
    assert got["stoej"].required and got["stoej"].weight == Decimal("2.5")
    assert [(c.value, c.label, c.label_en, c.score) for c in got["stoej"].choices][::4] == [
        ("1", "Trin 1", "Step 1", Decimal(0)), ("5", "Trin 5", "Step 5", Decimal(100)),
    ]  # fmt: skip
    assert [(c.value, c.label, c.score) for c in got["kender"].choices] == [
        ("yes", "Ja", None), ("no", "Nej", None), ("dont_know", "Ved ikke", None),
    ]  # fmt: skip
    assert (got["kender"].show_if_key, got["kender"].show_if_values) == ("utryg", ("yes", "no"))
    assert (got["antal"].unit, got["antal"].choices) == ("familier", ())
    assert [c.score for c in got["steder"].choices] == [None, Decimal(50)]
    assert (got["andet"].help_text, got["andet"].text_en) == (
        "Kun det nødvendige",
        "Anything else?",
    )
    assert got["billede"].type == "photo"
    assert ChangeLogEntry.objects.filter(object_id=str(draft.pk), action="update").count() == 11


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"key": "utryg"}, "key", "Nøglen »utryg« er allerede brugt i denne version."),
        ({"key": "æble"}, "key",
         "Brug kun bogstaver (a–z), tal, _ og -, og begynd med et bogstav (højst 60 tegn)."),
        ({"type": "scale", "choices": ""}, "choices",
         "Skriv en tekst til hvert af de fem trin: 1 | tekst | point."),
        ({"type": "text", "choices": "a | A | 1"}, "choices",
         "Denne type har ingen svarmuligheder: tøm feltet, eller vælg en anden type."),
        ({"show_if_key": "utryg"}, "show_if_values", "Skriv de svar, der viser spørgsmålet."),
        ({"show_if_key": "hvor", "show_if_values": "x"}, "show_if_key",
         "Marker en gyldig valgmulighed. hvor er ikke en af de tilgængelige valgmuligheder."),
    ],
)  # fmt: skip
def test_a_bad_question_is_refused_and_nothing_changes(client_for, draft, extra, field, message):
    theme = draft.themes.get(key="tryghed")
    data = QUESTION | {"key": "ny", "type": "single", "text": "Ny?", "choices": "a | A | 1"} | extra
    before = _keys(draft)
    response = client_for("head_a").post(reverse("guides:question_add", args=[theme.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert _keys(draft) == before


def test_questions_and_themes_move_up_and_down_and_skip_logic_stays_sound(client_for, draft):
    client = client_for("head_a")
    lys = Question.objects.get(theme__version=draft, key="lys")
    hvor = Question.objects.get(theme__version=draft, key="hvor")
    move = "guides:question_move"
    assert client.post(reverse(move, args=[lys.pk]), {"direction": "op"}).status_code == 302
    assert _keys(draft) == [["utryg", "lys", "hvor"], []]
    # "hvor" is shown by "utryg": it cannot move above it
    response = client.post(reverse(move, args=[hvor.pk]), {"direction": "op"}, follow=True)
    response = client.post(reverse(move, args=[hvor.pk]), {"direction": "op"}, follow=True)
    assert _messages(response) == [
        "Spørgsmål »hvor« vises ud fra »utryg«, som ikke er et tidligere spørgsmål."
    ]
    assert _keys(draft) == [["utryg", "hvor", "lys"], []]
    naboer = draft.themes.get(key="naboer")
    client.post(reverse("guides:theme_move", args=[naboer.pk]), {"direction": "op"})
    assert [t.key for t in draft.spec().themes] == ["naboer", "tryghed"]
    client.post(reverse("guides:theme_move", args=[naboer.pk]), {"direction": "op"})  # at the top
    assert [t.key for t in draft.spec().themes] == ["naboer", "tryghed"]
    assert client.post(reverse(move, args=[lys.pk]), {"direction": "sidelæns"}).status_code == 403
    assert ChangeLogEntry.objects.filter(object_id=str(draft.pk), action="update").count() == 7


def test_removing_asks_first_and_refuses_a_skip_target(client_for, draft):
    client = client_for("head_a")
    utryg = Question.objects.get(theme__version=draft, key="utryg")
    url = reverse("guides:question_delete", args=[utryg.pk])
    page = client.get(url).content.decode()
    assert "Fjern spørgsmålet?" in page and "Føler beboerne sig utrygge?" in page
    assert _keys(draft) == [["utryg", "hvor", "lys"], []]
    response = client.post(url, follow=True)
    assert _messages(response) == [
        "Spørgsmålet »utryg« kan ikke fjernes: »hvor« vises ud fra dets svar. "
        "Fjern eller ret betingelsen først."
    ]
    hvor = Question.objects.get(theme__version=draft, key="hvor")
    client.post(reverse("guides:question_delete", args=[hvor.pk]))
    assert _keys(draft) == [["utryg", "lys"], []]
    tryghed = draft.themes.get(key="tryghed")
    assert (
        "Dets 2 spørgsmål fjernes med det:"
        in client.get(reverse("guides:theme_delete", args=[tryghed.pk])).content.decode()
    )
    client.post(reverse("guides:theme_delete", args=[tryghed.pk]))
    assert [t.key for t in draft.spec().themes] == ["naboer"]
    naboer = draft.themes.get()
    response = client.post(reverse("guides:theme_delete", args=[naboer.pk]), follow=True)
    assert _messages(response)[-1:] == ["Guiden skal have mindst ét tema."]
    assert draft.themes.count() == 1
    assert ChangeLogEntry.objects.filter(object_id=str(draft.pk), action="delete").count() == 2


def test_a_theme_is_edited_and_added(client_for, draft):
    client = client_for("head_a")
    naboer = draft.themes.get(key="naboer")
    client.post(
        reverse("guides:theme_edit", args=[naboer.pk]),
        {"title": "Naboskab", "title_en": "Neighbours", "help_text": "Spørg om hjælp"},
    )
    naboer.refresh_from_db()
    assert (naboer.key, naboer.title, naboer.title_en, naboer.help_text) == (
        "naboer", "Naboskab", "Neighbours", "Spørg om hjælp",
    )  # fmt: skip
    url = reverse("guides:theme_add", args=[draft.pk])
    response = client.post(url, {"key": "naboer", "title": "Igen"})
    assert response.context["form"].errors["key"] == [
        "Nøglen »naboer« er allerede brugt i denne version."
    ]
    client.post(url, {"key": "affald", "title": "Affald"})
    assert [t.key for t in draft.spec().themes] == ["tryghed", "naboer", "affald"]


def test_a_frozen_version_is_never_edited(client_for, draft, personas):
    services.record_answer(
        response=services.start_response(version=draft), question_key="utryg", raw="yes",
        actor=None,
    )  # fmt: skip
    client = client_for("head_a")
    page = client.get(reverse("guides:edit", args=[draft.pk])).content.decode()
    assert "Version 1 er i brug og ændres aldrig." in page
    assert reverse("guides:new_version", args=[draft.pk]) in page
    assert "/flyt/" not in page and "/fjern/" not in page and "nyt-spoergsmaal" not in page
    # a move posted anyway lands in a new version; version 1 keeps its order
    lys = Question.objects.get(theme__version=draft, key="lys")
    response = client.post(reverse("guides:question_move", args=[lys.pk]), {"direction": "op"})
    v2 = GuideVersion.objects.get(guide=draft.guide, number=2)
    moved = Question.objects.get(theme__version=v2, key="lys")
    assert response["Location"] == reverse("guides:edit", args=[v2.pk]) + f"#q-{moved.pk}"
    assert _keys(draft) == [["utryg", "hvor", "lys"], []]
    assert _keys(v2) == [["utryg", "lys", "hvor"], []]


@pytest.mark.parametrize("persona", ["staff_a", "board_a"])
def test_who_may_not_author_changes_nothing(client_for, draft, persona):
    lys = Question.objects.get(theme__version=draft, key="lys")
    theme = Theme.objects.get(version=draft, key="tryghed")
    client = client_for(persona)
    for url, data in [
        (reverse("guides:question_move", args=[lys.pk]), {"direction": "op"}),
        (reverse("guides:question_delete", args=[lys.pk]), {}),
        (reverse("guides:theme_delete", args=[theme.pk]), {}),
        (reverse("guides:theme_add", args=[draft.pk]), {"key": "x", "title": "X"}),
    ]:
        assert client.post(url, data).status_code == 403
    assert _keys(draft) == [["utryg", "hvor", "lys"], []]
