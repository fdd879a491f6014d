"""The import of screening data (indicator values, published lists) from CSV/XLSX: the upload page,
the page of one import (its progress while it runs in the background, polled with htmx every
second, then its result or its problems), and the template files.

Who: administrators and the managers of a housing organisation (`access.managed_organisations`);
other logged-in users get 403 on every page here. An import another importer cannot see is a 404.
What each importer may import for is decided row by row (see imports/lookups.py)."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.organisations.imports.template_files import FORMATS, template_file
from boligsocial.screening.imports import batches
from boligsocial.screening.imports.kinds import KIND_BY_BATCH_KIND, KINDS
from boligsocial.screening.models import ImportBatch, Indicator

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you want to import?"),
        choices=[(slug, kind.label) for slug, kind in KINDS.items()],
        initial="vaerdier",
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        allow_empty_file=True,  # the import reports an empty file like other problems
        error_messages={"required": gettext_lazy("Choose the file to import.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, columns separated by semicolons or commas) or an Excel workbook "
            "(.xlsx) of at most %(size)s. The first line holds the column names. Values that are "
            "not in the file are not deleted."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES)}


def _require_importer(request) -> None:
    if not batches.may_import(request.user):
        raise PermissionDenied


def _crumbs():
    return [(_("Imports of screening data"), reverse("screening:import"))]


@require_http_methods(["GET", "POST"])
def import_view(request):
    _require_importer(request)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            batch = batches.start(
                kind=KINDS[form.cleaned_data["kind"]],
                upload=form.cleaned_data["file"],
                user=request.user,
            )
            return redirect("screening:import_batch", pk=batch.pk)
    else:
        form = UploadForm(initial={"kind": request.GET.get("kind", "vaerdier")})
    listing = build_listing(
        request,
        batches.visible_batches(request.user).select_related("created_by", "organisation"),
        search_fields=("filename",),
        columns=(
            SortColumn("created", _("Uploaded"), ("created_at", "id")),
            SortColumn("filename", _("File"), ("filename", "id")),
        ),
        default_sort="-created",
        per_page=10,
    )
    return render(
        request,
        "screening/import/upload.html",
        {
            "form": form,
            "kinds": KINDS.values(),
            "indicators": Indicator.objects.filter(is_active=True),
            "listing": listing,
            "max_size": filesizeformat(settings.IMPORT_MAX_BYTES),
        },
    )


@require_GET
def import_batch_view(request, pk: int):
    """One import. While it runs, the htmx request for the `progress` partial is repeated every
    second until the import is done or failed."""
    _require_importer(request)
    batch = get_object_or_404(
        batches.visible_batches(request.user).select_related("created_by", "organisation"), pk=pk
    )
    errors = [e for e in batch.errors if "more" not in e]
    more = sum(e.get("more", 0) for e in batch.errors)
    context = {
        "batch": batch,
        "kind": KIND_BY_BATCH_KIND[batch.kind],
        "errors": errors,
        "more": more,
        "running": batch.status in (ImportBatch.Status.PENDING, ImportBatch.Status.RUNNING),
        "percent": (100 * batch.rows_done // batch.rows_total) if batch.rows_total else 0,
        "crumbs": _crumbs(),
    }
    return render_page(request, "screening/import/batch.html", "progress", context)


@require_GET
def import_template_view(request, kind: str, fmt: str):
    _require_importer(request)
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    content, content_type = template_file(KINDS[kind].columns, fmt)
    response = HttpResponse(content, content_type=content_type)
    name = f"trafiklys-{kind}-{slugify(_('template'))}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
