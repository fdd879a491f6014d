"""Fetching what user administration acts on: 403 for someone who administers nobody, 404 for a
role or person outside what the user administers, 403 for an action the rules refuse."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from boligsocial.accounts import access
from boligsocial.core.permissions import can
from boligsocial.organisations.models import Membership


def require_people_admin(request) -> None:
    if not can(request.user, access.MANAGE_PEOPLE, None):
        raise PermissionDenied


def get_membership(request, pk: int, *, action: str) -> Membership:
    require_people_admin(request)
    membership = get_object_or_404(
        access.visible_memberships(request.user).select_related(
            "user", "organisation", "department__organisation", "municipality"
        ),
        pk=pk,
    )
    if not can(request.user, action, membership):
        raise PermissionDenied
    return membership


def get_person(request, pk: int, *, action: str | None = None):
    require_people_admin(request)
    person = get_object_or_404(access.visible_people(request.user), pk=pk)
    if action and not can(request.user, action, person):
        raise PermissionDenied
    return person


def people_crumbs() -> list:
    return [(_("People and roles"), reverse("accounts:people"))]


def person_crumbs(person) -> list:
    return [*people_crumbs(), (display_name(person), reverse("accounts:person", args=[person.pk]))]


def display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def base_url(request) -> str:
    return request.build_absolute_uri("/")
