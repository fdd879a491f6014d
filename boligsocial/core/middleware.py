"""Danish unless the user has chosen otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, so a caseworker with an
English browser would get English. Boligsocial is Danish by default (product.md C10); English
is chosen explicitly with the language switch, which sets the language cookie."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DanishByDefaultLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
