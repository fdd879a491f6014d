"""The project's URLconf plus one bare view, for the benchmarks' floor (bench/screening_pages.py).

The bare view runs on the same stack as every page (middleware, login session, the session
saved on each request, the auth user) but does one query and renders a minimal template: its
time is what any page costs before it does anything of its own."""

from django.template import engines
from django.urls import include, path

from boligsocial.organisations.models import Department

_TEMPLATE = engines["django"].from_string(
    '<!DOCTYPE html><html lang="da"><title>Bare</title><p>{{ n }}</p></html>'
)


def bare(request):
    from django.http import HttpResponse

    return HttpResponse(_TEMPLATE.render({"n": Department.objects.count()}, request))


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("config.urls")),
]
