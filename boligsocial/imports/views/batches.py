"""One import: its progress while it is checked or written (the htmx partial `progress`, polled
every second), its preview with the confirmation, its result or its problems; and its undo, with
a confirmation page.

Who: importers (403 for others); a batch outside the user's reach is a 404 (`visible_batches`).
Confirming and cancelling a preview is for its uploader, undoing for the managers of its
organisation (`access.CONFIRM_IMPORT`, `access.UNDO_IMPORT`; 403 otherwise)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from boligsocial.core.partials import render_page
from boligsocial.core.permissions import can
from boligsocial.imports import access, registry, services
from boligsocial.imports.models import ImportBatch
from boligsocial.imports.views.common import crumbs, get_batch

Status = ImportBatch.Status


def _kind_crumb(batch: ImportBatch) -> tuple[str, str]:
    kind = registry.by_code(batch.kind)
    if kind is None:
        return (batch.kind_label, reverse("imports:index"))
    return (str(kind.label), reverse("imports:upload", args=[kind.slug]))


@require_GET
def batch_view(request, pk: int):
    batch = services.refresh(get_batch(request, pk))
    kind = registry.by_code(batch.kind)
    errors = [e for e in batch.errors if "more" not in e]
    more = sum(e.get("more", 0) for e in batch.errors)
    preview = batch.preview or {}
    changes = preview.get("changes", [])
    shown = len(changes)
    undo = None
    if batch.status == Status.DONE and can(request.user, access.UNDO_IMPORT, batch):
        undo = services.undo_state(batch, user=request.user, check_rows=False)
    context = {
        "batch": batch,
        "kind": kind,
        "errors": errors,
        "more": more,
        "running": batch.is_active,
        "percent": (100 * batch.rows_done // batch.rows_total) if batch.rows_total else 0,
        "changes": changes,
        "hidden_changes": max(0, batch.created + batch.updated - shown),
        "notice": preview.get("notice", ""),
        "may_confirm": batch.status == Status.PREVIEW
        and can(request.user, access.CONFIRM_IMPORT, batch),
        "undo": undo,
        "crumbs": crumbs(_kind_crumb(batch)),
    }
    return render_page(request, "imports/batch.html", "progress", context)


@require_POST
def confirm_view(request, pk: int):
    batch = get_batch(request, pk)
    if not can(request.user, access.CONFIRM_IMPORT, batch):
        raise PermissionDenied
    services.confirm(batch=batch, user=request.user)
    return redirect("imports:batch", pk=batch.pk)


@require_POST
def cancel_view(request, pk: int):
    batch = get_batch(request, pk)
    if not can(request.user, access.CONFIRM_IMPORT, batch):
        raise PermissionDenied
    services.cancel(batch=batch, user=request.user)
    return redirect("imports:batch", pk=batch.pk)


@require_http_methods(["GET", "POST"])
def undo_view(request, pk: int):
    batch = get_batch(request, pk)
    if not can(request.user, access.UNDO_IMPORT, batch):
        raise PermissionDenied
    if request.method == "POST":
        state = services.undo(batch=batch, user=request.user)
        if state.possible:
            messages.success(
                request,
                _(
                    "The import of %(filename)s has been undone. Deleted: %(deleted)s. "
                    "Restored: %(restored)s."
                )
                % {
                    "filename": batch.filename,
                    "deleted": state.outcome.deleted,
                    "restored": state.outcome.restored,
                },
            )
            return redirect("imports:batch", pk=batch.pk)
    else:
        state = services.undo_state(batch, user=request.user)
    return render(
        request,
        "imports/undo.html",
        {
            "batch": batch,
            "state": state,
            "crumbs": crumbs(
                _kind_crumb(batch), (batch.filename, reverse("imports:batch", args=[batch.pk]))
            ),
        },
    )
