"""Danish unless the user has chosen otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a caseworker with an
English browser would get English. Boligsocial is Danish by default (product.md C10); English
is chosen explicitly with the language switch, which sets the language cookie."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control


class DanishByDefaultLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NoStoreMiddleware:
    """`Cache-Control: private, no-store` on every answer of the URL namespaces named in
    `settings.NO_STORE_NAMESPACES` (case pages, letter PDFs, the API): what they show is personal
    data that no browser cache or proxy may keep. Headers a view set itself are kept and
    extended, never replaced."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        namespaces = set(getattr(settings, "NO_STORE_NAMESPACES", ()))
        if match is not None and namespaces.intersection(match.namespaces):
            patch_cache_control(response, private=True, no_store=True)
        return response
