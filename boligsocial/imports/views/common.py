"""What every import page does first: refuse users who may import nothing (403), fetch a batch
through `visible_batches` (404 outside the user's reach) and name the crumbs."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.core.importkinds import ImportKind
from boligsocial.imports import access, registry
from boligsocial.imports.models import ImportBatch


def require_importer(request) -> None:
    if not access.may_import_any(request.user):
        raise PermissionDenied


def kind_for(request, slug: str) -> ImportKind:
    kind = registry.by_slug(slug)
    if kind is None:
        raise Http404
    if not kind.may_import(request.user):
        raise PermissionDenied
    return kind


def get_batch(request, pk: int) -> ImportBatch:
    require_importer(request)
    return get_object_or_404(
        access.visible_batches(request.user).select_related(
            "created_by", "organisation", "undone_by"
        ),
        pk=pk,
    )


def crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [(_("Imports"), reverse("imports:index")), *extra]


def organisation_choice(request, kind: ImportKind):
    """The organisation named by ?organisation= among those the user may import `kind` for,
    or the only one there is, or None."""
    organisations = kind.organisations(request.user)
    chosen = request.GET.get("organisation", "")
    if chosen.isdigit():
        return organisations.filter(pk=int(chosen)).first()
    only = list(organisations[:2])
    return only[0] if len(only) == 1 else None
