"""Walk the whole URLconf: every view that is not on the public allow-list must send an
anonymous visitor to the login page (pages) or refuse them (API)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Views an anonymous visitor may use. Adding one here is a decision: say why.
PUBLIC = {
    "/log-ind/": "the login page",
    "/admin/login/": "Django admin's own login form (also protected by django-axes)",
    "/sprog/": "choosing the language on the login page",
    "/sundhed/": "health check for the load balancer; says only 'ok'",
    "/api/v1/auth/token/": "obtaining an API token with username and password (POST)",
    "/klage/": "the residents' complaint form (no login; rate-limited, honeypot and timing)",
    "/klage/kvittering/x/": "the receipt after a complaint (only the sending browser sees it)",
    "/invitation/x/x/": "an invitation's one-time link: the invited person chooses a password",
    "/adgangskode/glemt/": "asking for a password-reset e-mail (Django's view; says nothing about "
    "whether the address exists)",
    "/adgangskode/glemt/sendt/": "the page after asking: check your e-mail",
    "/adgangskode/ny/x/x/": "a password-reset e-mail's one-time link",
    "/adgangskode/ny/gemt/": "the page after choosing a new password: log in",
    "/svar/": "a resident types the code from a survey letter (rate-limited look-ups)",
    "/svar/x/": "a resident answers a survey with the letter's link or code (no login; a wrong, "
    "expired or closed one gets the same 404; rate-limited)",
    "/api/v1/survey-answers/": "a household's survey answers by token or code (POST; as /svar/)",
}
# Public views whose example value ("x") is a wrong key: they answer 404, as for any wrong key.
WRONG_KEY_IS_404 = {"/svar/x/"}
ARG_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
}


def _piece(pattern) -> str:
    """One pattern of the URLconf as a concrete URL piece with harmless example values."""
    route = getattr(pattern, "_route", None)
    if route is not None:
        return re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: ARG_VALUES.get(m.group(1) or "str", "x"), route
        )
    regex = pattern.regex.pattern.lstrip("^").replace("\\Z", "").rstrip("$")
    regex = re.sub(
        r"\(\?P<(\w+)>[^()]*\)", lambda m: "json" if m.group(1) == "format" else "1", regex
    )
    return regex.replace("\\.", ".").replace("/?", "/").replace("\\", "")


def _walk(resolver, prefix=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p, prefix + _piece(p.pattern))
        elif isinstance(p, URLPattern):
            yield "/" + prefix + _piece(p.pattern), p


def _all_urls():
    urls = sorted({url for url, _ in _walk(get_resolver())})
    assert len(urls) > 20, urls  # the walk really found the URLconf
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("url", _all_urls())
def test_anonymous_visitor_is_sent_to_login_or_refused(client, url):
    response = client.get(url)
    if url in PUBLIC:
        expected = {404} if url in WRONG_KEY_IS_404 else {200, 302, 405}
        assert response.status_code in expected, url
        return
    if url.startswith("/api/") and url != "/api/docs/":
        assert response.status_code in {401, 403}, (url, response.status_code)
        return
    assert response.status_code == 302, (url, response.status_code)
    login_pages = (reverse("login") + "?next=", reverse("admin:login") + "?next=")
    assert response["Location"].startswith(login_pages), url


def test_public_allow_list_is_exactly_the_views_marked_public():
    marked = {
        url for url, p in _walk(get_resolver()) if not getattr(p.callback, "login_required", True)
    }
    # DRF views exempt themselves from the middleware and check authentication themselves;
    # the API is covered by the walk above (401/403 for anonymous).
    marked = {u for u in marked if not u.startswith("/api/") or u in PUBLIC}
    assert marked == set(PUBLIC)
