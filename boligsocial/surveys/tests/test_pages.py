"""The public answering pages, the staff POSTs, the letters, and the API (results as the page,
public answers by token, tokens returned only at creation)."""

import pytest
from django.urls import reverse

from boligsocial.core import ratelimit
from boligsocial.surveys import tokens
from boligsocial.surveys.models import Invitation, ReminderRound, SurveyAnswer
from boligsocial.surveys.views import public

pytestmark = pytest.mark.django_db


def test_public_page_in_danish_then_arabic_right_to_left_saving_progress(
    open_survey, world, client
):
    _survey, issued = open_survey
    item = issued[world.dept_a1.id][0]
    url = reverse("surveys:answer", args=[item.token])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and '<html lang="da" dir="ltr">' in html
    assert "Hvor tryg føler du dig ved at færdes i dit boligområde efter mørkets frembrud?" in html
    arabic = client.get(url + "?sprog=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic and "بعد حلول الظلام" in arabic
    assert "Side 1 af 4" not in arabic and "الصفحة 1 من 4" in arabic
    saved = client.post(url + "?sprog=ar&side=1", {"q:tryg_moerke": "2", "next": "1"})
    assert saved.status_code == 302 and saved["Location"].endswith("?sprog=ar&side=2")
    answer = SurveyAnswer.objects.get()
    assert (answer.values, answer.submitted, answer.language) == ({"tryg_moerke": "2"}, False, "ar")
    # progress kept: page 1 shows the saved answer, the language is remembered
    again = client.get(url).content.decode()
    assert 'dir="rtl"' in again and 'value="2" checked' in again
    client.post(url + "?sprog=ar&side=4", {"q:steder": "", "send": "1"})
    assert SurveyAnswer.objects.get().submitted
    assert Invitation.objects.get(pk=item.invitation.pk).answered
    thanks = client.get(url + "?sprog=ar&tak=1").content.decode()
    assert "شكرًا على إجاباتك" in thanks


def test_wrong_token_and_closed_survey_get_the_same_page(open_survey, world, client, personas):
    survey, issued = open_survey
    wrong = client.get(reverse("surveys:answer", args=["x" * 32]))
    from boligsocial.surveys import services

    services.close_survey(survey=survey, actor=personas["staff_a"], feed=False)
    closed = client.get(reverse("surveys:answer", args=[issued[world.dept_a1.id][0].token]))
    assert wrong.status_code == closed.status_code == 404
    assert wrong.content == closed.content


def test_failed_lookups_are_rate_limited_then_even_a_good_token_fails(open_survey, world, client):
    _survey, issued = open_survey
    for _ in range(public.FAIL_LIMIT):
        client.get(reverse("surveys:answer", args=["ABCDE-FGHJK"]))
    blocked = client.get(reverse("surveys:answer", args=[issued[world.dept_a1.id][0].token]))
    assert blocked.status_code == 404
    assert (
        ratelimit.remaining(
            "surveys:fail:127.0.0.1",
            limit=public.FAIL_LIMIT,
            window_seconds=public.FAIL_WINDOW_SECONDS,
        )
        == 0
    )


def test_code_entry_leads_to_the_survey(open_survey, world, client):
    _survey, issued = open_survey
    item = issued[world.dept_a2.id][0]
    bad = client.post(reverse("surveys:code_entry"), {"code": "12"})
    assert bad.status_code == 400
    good = client.post(
        reverse("surveys:code_entry"), {"code": tokens.display_code(item.code).lower()}
    )
    assert good.status_code == 302
    assert client.get(good["Location"]).status_code == 200


def test_letters_pdf_makes_the_invitations_once(world, personas, safety_version, client_for):
    from boligsocial.surveys.tests.conftest import make_survey

    survey, _issued = make_survey(world, personas, safety_version, leases=(0, 0))
    Invitation.objects.all().delete()
    url = reverse("surveys:letters", args=[survey.pk, world.dept_a1.pk])
    response = client_for("staff_a").post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    assert Invitation.objects.filter(department=world.dept_a1).count() == 1
    again = client_for("staff_a").post(url)
    assert again.status_code == 302 and Invitation.objects.count() == 1
    assert client_for("board_a").post(url).status_code == 403


def test_qr_code_is_made_offline():
    from boligsocial.surveys.letters import qr_svg

    svg = qr_svg("https://boligsocial.example/svar/abc/")
    assert svg.startswith("<svg") and "<path" in svg and "href" not in svg


def test_remind_and_staff_answer_pages(open_survey, world, client_for):
    survey, issued = open_survey
    staff = client_for("staff_a")
    assert staff.post(reverse("surveys:transition", args=[survey.pk, "remind"])).status_code == 302
    assert ReminderRound.objects.get().count == 12
    assert (
        client_for("board_a")
        .post(reverse("surveys:transition", args=[survey.pk, "remind"]))
        .status_code
        == 403
    )
    assert ReminderRound.objects.count() == 1
    detail = staff.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "0 af 12 husstande har svaret" in detail
    invitation = issued[world.dept_a1.id][0].invitation
    response = staff.post(
        reverse("surveys:staff_answer", args=[survey.pk]),
        {"invitation": invitation.pk, "channel": "visit", "q:tryg_moerke": "1"},
    )
    assert response.status_code == 302
    assert SurveyAnswer.objects.get().channel == "visit"
    detail = staff.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "1 af 12 husstande har svaret" in detail


def test_api_results_are_suppressed_as_the_page_and_answers_post_by_token(
    open_survey, world, client, client_for
):
    survey, issued = open_survey
    for item in issued[world.dept_a1.id][:6]:
        response = client.post(
            reverse("api:survey-answers"),
            {"token": item.token, "answers": {"tryg_moerke": "1"}},
            content_type="application/json",
        )
        assert response.status_code == 201 and response.json() == {"submitted": True}
    wrong = client.post(
        reverse("api:survey-answers"),
        {"token": "nope", "answers": {"tryg_moerke": None}},
        content_type="application/json",
    )
    assert wrong.status_code == 404  # null is a valid answer (it clears one): the token decides
    body = client_for("board_a").get(reverse("api:survey-results", args=[survey.pk])).json()
    groups = {g["label"]: g for g in body["groups"]}
    # dept_a1: 6 answers; dept_a2: 0 — so the organisation (6) is shown, and so is dept_a1
    assert groups["1 Alfaparken"]["respondents"] == {"value": 6, "mark": ""}
    assert groups["Boligselskabet Alfa"]["respondents"]["value"] == 6
    assert groups["1 Alfaparken"]["questions"]["tryg_moerke"]["favourable"]["percent"] == 100.0
    # one answer in dept_a2: it is "<5", and dept_a1 (organisation minus it) becomes "x"
    client.post(
        reverse("api:survey-answers"),
        {"token": issued[world.dept_a2.id][0].token, "answers": {"tryg_moerke": "5"}},
        content_type="application/json",
    )
    body = client_for("staff_a").get(reverse("api:survey-results", args=[survey.pk])).json()
    groups = {g["label"]: g for g in body["groups"]}
    assert groups["2 Alfahaven"]["respondents"] == {"value": None, "mark": "<5"}
    assert groups["1 Alfaparken"]["respondents"] == {"value": None, "mark": "x"}
    assert groups["1 Alfaparken"]["questions"] == {}
    page = client_for("staff_a").get(reverse("surveys:results", args=[survey.pk])).content.decode()
    overview = page[
        page.index('id="results-overview"') : page.index(
            "</table>", page.index('id="results-overview"')
        )
    ]
    assert overview.count(">&lt;5</abbr>") == 1 and overview.count(">x</abbr>") >= 1


def test_api_a_null_answer_clears_the_saved_one(open_survey, world, client):
    _survey, issued = open_survey
    token = issued[world.dept_a1.id][0].token
    url = reverse("api:survey-answers")
    for answers, saved in (
        ({"tryg_moerke": "2"}, {"tryg_moerke": "2"}),
        ({"tryg_moerke": None}, {}),
    ):
        body = {"token": token, "answers": answers, "submit": False}
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 201 and response.json() == {"submitted": False}
        assert SurveyAnswer.objects.get().values == saved


def test_api_invitations_return_tokens_once(world, personas, safety_version, client_for):
    from boligsocial.surveys.tests.conftest import make_survey

    survey, _issued = make_survey(world, personas, safety_version, leases=(0, 2))
    Invitation.objects.filter(department=world.dept_a2).delete()
    url = reverse("api:survey-invitations", args=[survey.pk])
    created = client_for("staff_a").post(
        url, {"department": world.dept_a2.pk}, content_type="application/json"
    )
    assert created.status_code == 201
    rows = created.json()["invitations"]
    assert len(rows) == 3 and all(len(r["token"]) == 32 for r in rows)
    again = client_for("staff_a").post(
        url, {"department": world.dept_a2.pk}, content_type="application/json"
    )
    assert again.json() == {"invitations": []}
    detail = (
        client_for("staff_a").get(reverse("api:survey-detail", args=[survey.pk])).content.decode()
    )
    assert rows[0]["token"] not in detail
    assert (
        client_for("board_a")
        .post(url, {"department": world.dept_a2.pk}, content_type="application/json")
        .status_code
        == 403
    )


def test_a_text_without_a_translation_is_danish_left_to_right_on_arabic_somali_turkish_pages(
    open_survey, world, client
):
    """The seeded guide has Arabic texts; one question's are taken away here. Somali and
    Turkish have none: every guide text falls back to Danish and says so (lang, dir)."""
    from django.core.cache import cache

    from boligsocial.guides.models import Question

    survey, issued = open_survey
    Question.objects.filter(theme__version=survey.guide_version, key="tryg_grundlaeggende").update(
        translations={}
    )
    survey.languages = ["ar", "so", "tr"]
    survey.save(update_fields=["languages"])
    cache.delete(f"surveys:guide:{survey.guide_version_id}")
    url = reverse("surveys:answer", args=[issued[world.dept_a1.id][0].token])
    arabic = client.get(url + "?sprog=ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    # the translated question is Arabic and right to left (no marks); the other is Danish
    first = arabic.index('<div class="form-group survey-question"')
    assert arabic[first:].startswith('<div class="form-group survey-question">')  # Arabic
    start = arabic.index('<div class="form-group survey-question"', first + 1)
    assert arabic[start:].startswith('<div class="form-group survey-question" lang="da" dir="ltr">')
    assert "Hvor tryg eller utryg" in arabic[start : start + 400]
    # its hint "(optional)" stays Arabic inside the Danish question
    assert '<span class="weight-normal" lang="ar" dir="rtl">(اختياري)</span>' in arabic[start:]
    for code, optional in (("so", "ikhtiyaari"), ("tr", "isteğe bağlı")):
        page = client.get(url + f"?sprog={code}").content.decode()
        assert f'<html lang="{code}" dir="ltr">' in page
        assert '<h1 lang="da" dir="ltr">' in page
        assert '<h2 id="theme-title" lang="da" dir="ltr">' in page
        assert page.count('<div class="form-group survey-question" lang="da" dir="ltr">') == 2
        assert f'lang="{code}" dir="ltr">({optional})</span>' in page


def test_a_lost_letter_is_reissued_after_confirmation_and_the_old_token_stops_working(
    open_survey, world, client_for, client
):
    from boligsocial.audit.models import ChangeLogEntry

    survey, issued = open_survey
    old = issued[world.dept_a1.id][0]
    staff = client_for("staff_a")
    listing = staff.get(reverse("surveys:reissue_list", args=[survey.pk]) + "?q=Alfaparkenvej")
    assert listing.status_code == 200 and str(old.invitation.lease) in listing.content.decode()
    confirm_url = reverse("surveys:reissue", args=[survey.pk, old.invitation.pk])
    confirm = staff.get(confirm_url)
    assert confirm.status_code == 200 and "holder op med at virke" in confirm.content.decode()
    assert client.get(reverse("surveys:answer", args=[old.token])).status_code == 200  # not yet
    before = Invitation.objects.get(pk=old.invitation.pk).token_hash
    pdf = staff.post(confirm_url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    import pypdfium2

    assert len(pypdfium2.PdfDocument(pdf.content)) == 1  # one page: the one letter
    assert pdf["Cache-Control"] == "no-store"
    after = Invitation.objects.get(pk=old.invitation.pk)
    assert after.token_hash != before
    assert client.get(reverse("surveys:answer", args=[old.token])).status_code == 404
    entry = ChangeLogEntry.objects.filter(object_id=str(survey.pk)).order_by("-pk").first()
    assert "letter reissued" in entry.changes
    # forged: an invitation of another survey's id under this survey, and a board member
    other = survey.pk + 1000
    assert staff.get(reverse("surveys:reissue", args=[other, old.invitation.pk])).status_code == 404
    assert client_for("board_a").post(confirm_url).status_code == 403
    # answered: refused, nothing changed
    from boligsocial.surveys import services

    invitation, code = services.find_invitation(token=issued[world.dept_a1.id][1].token)
    services.save_progress(
        invitation=invitation, code=code, raw={"tryg_moerke": "1"}, language="da", submit=True
    )
    hashed = Invitation.objects.get(pk=invitation.pk).token_hash
    refused = staff.post(reverse("surveys:reissue", args=[survey.pk, invitation.pk]))
    assert refused.status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).token_hash == hashed


def test_a_draft_is_edited_whole_an_open_survey_only_its_closing_date(
    open_survey, world, personas, client_for, safety_version
):
    from datetime import timedelta

    from boligsocial.surveys.models import Survey

    survey, _issued = open_survey
    staff = client_for("staff_a")
    url = reverse("surveys:edit", args=[survey.pk])
    later = survey.closes_on + timedelta(days=7)
    data = {
        "name": "Andet navn", "opens_on": survey.opens_on.strftime("%d.%m.%Y"),
        "closes_on": later.strftime("%d.%m.%Y"), "min_count": "9",
        "departments": [world.dept_a1.pk],
    }  # fmt: skip
    assert staff.post(url, data).status_code == 302
    survey.refresh_from_db()
    # open: the closing date changed, the disabled fields kept their values
    assert (survey.closes_on, survey.name, survey.min_count) == (later, "Tryghed test", 5)
    assert survey.departments.count() == 2
    bad = staff.post(url, {**data, "closes_on": "01.01.2000"})
    assert bad.status_code == 400
    survey.refresh_from_db()
    assert survey.closes_on == later
    # a draft: everything, validated (k at least 3), audited
    Survey.objects.filter(pk=survey.pk).update(status="draft")
    assert staff.post(url, {**data, "min_count": "2"}).status_code == 400
    survey.refresh_from_db()
    assert survey.min_count == 5
    refused = staff.post(url, {**data, "languages": ["so"]})
    assert refused.status_code == 400  # dept_a2 has letters: it cannot be taken out
    assert "har allerede fået breve" in refused.content.decode()
    ok = staff.post(url, {**data, "departments": [world.dept_a1.pk, world.dept_a2.pk],
                          "languages": ["so"]})  # fmt: skip
    assert ok.status_code == 302
    survey.refresh_from_db()
    assert (survey.name, survey.min_count, survey.languages) == ("Andet navn", 9, ["so"])
    assert client_for("board_a").post(url, data).status_code == 403
