"""The public answering pages (no login; issue 15, part 3; decision 0032).

`/svar/<credential>/` takes the letter's token or the typed code. A wrong, expired or closed
credential, and a client over the rate limit, all get the same page with the same status (404):
nobody can tell a used-up token from a wrong one. Failed look-ups are counted per client address
in the shared cache (core/ratelimit.py); over the limit every look-up fails for the window.
One theme per page; each page saves what was answered (progress kept between pages and visits);
the last page hands the answers in, and they can be changed until the survey closes."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from boligsocial.core import ratelimit
from boligsocial.core.formatting import format_long_date
from boligsocial.guides.answers import AnswerError
from boligsocial.surveys import public_texts, rendering, selectors, services, tokens

FAIL_LIMIT = 20
FAIL_WINDOW_SECONDS = 10 * 60


def _limit_key(request) -> str:
    return f"surveys:fail:{ratelimit.client_address(request)}"


def _blocked(request) -> bool:
    return (
        ratelimit.remaining(
            _limit_key(request), limit=FAIL_LIMIT, window_seconds=FAIL_WINDOW_SECONDS
        )
        <= 0
    )


def _fail(request, language: str):
    ratelimit.hit(_limit_key(request), limit=FAIL_LIMIT, window_seconds=FAIL_WINDOW_SECONDS)
    return render(
        request,
        "surveys/public/invalid.html",
        _chrome(language if language in public_texts.NAMES else "da", ()),
        status=404,
    )


def _chrome(language: str, languages) -> dict:
    return {
        "lang": language,
        "dir": "rtl" if language in services.RTL else "ltr",
        "t": public_texts.texts(language),
        "languages": [(code, public_texts.NAMES.get(code, code)) for code in languages],
    }


def _lookup(request, credential: str):
    if _blocked(request):
        return None, ""
    if len(credential) == tokens.CODE_LENGTH or ("-" in credential and len(credential) <= 12):
        return services.find_invitation(code=credential)
    return services.find_invitation(token=credential)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def code_entry(request):
    language = request.GET.get("sprog", "da")
    language = language if language in public_texts.NAMES else "da"
    context = {**_chrome(language, ("da", "en", "ar", "so", "tr")), "error": ""}
    if request.method == "POST":
        code = tokens.normal_code(request.POST.get("code", ""))
        if code:
            return redirect(reverse("surveys:answer", args=[code]) + f"?sprog={language}")
        context["error"] = context["t"]["code_hint"]
    return render(
        request, "surveys/public/code.html", context, status=400 if context["error"] else 200
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, credential: str):
    language = request.GET.get("sprog", "")
    invitation, code = _lookup(request, credential)
    if invitation is None:
        return _fail(request, language)
    survey = invitation.survey
    offered = ("da", "en", *survey.languages)
    own = services.own_answer(code=code)
    if language not in offered:
        language = own.language if own and own.language in offered else "da"
    guide = selectors.guide_of(survey, language)
    pages = len(guide.themes)
    try:
        page = min(max(int(request.GET.get("side", "1")), 1), pages)
    except ValueError:
        page = 1
    values = dict(own.values) if own else {}
    error = ""
    if request.method == "POST":
        theme = guide.themes[page - 1]
        raw = {}
        for q in theme.questions:
            field = f"q:{q.key}"
            raw[q.key] = (
                request.POST.getlist(field) if q.type == "multiple" else request.POST.get(field, "")
            )
        finishing = "send" in request.POST
        backwards = "back" in request.POST
        try:
            saved = services.save_progress(
                invitation=invitation, code=code, raw=raw, language=language, submit=finishing
            )
        except AnswerError as problem:
            error = str(problem)
            values = {**values, **{k: v for k, v in raw.items() if v}}
        else:
            base = reverse("surveys:answer", args=[credential])
            if finishing:
                return redirect(f"{base}?sprog={language}&tak=1")
            target = page - 1 if backwards else page + 1
            del saved
            return redirect(f"{base}?sprog={language}&side={min(max(target, 1), pages)}")
    context = _chrome(language, offered)
    with translation.override("da"):
        closes = format_long_date(survey.closes_on)
    context.update(
        {
            "survey": survey,
            "guide": guide,
            "credential": credential,
            "page": page,
            "pages": pages,
            "percent": round(100 * (page - 1) / pages),
            "done": page - 1,
            "last": page == pages,
            "theme": rendering.theme_context(guide, page - 1, values, language),
            "name_danish": not rendering.name_translated(guide, language),
            "error": error,
            "thanks": request.GET.get("tak") == "1" and own is not None and own.submitted,
            "submitted": own is not None and own.submitted,
            "change_text": context["t"]["change"].format(date=closes),
            "page_text": context["t"]["page"].format(n=page, total=pages),
        }
    )
    return render(request, "surveys/public/answer.html", context, status=400 if error else 200)
