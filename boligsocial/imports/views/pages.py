"""Choosing what to import (`index`), uploading a file of one kind (`upload`) and the kinds'
template files (`template`).

Who: the users who may import at least one kind (`ImportKind.may_import`); others get 403. A
kind the user may not import is a 403, an unknown kind a 404."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from boligsocial.core.importkinds import ImportContext
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.imports import access, registry, services
from boligsocial.imports.forms import UploadForm
from boligsocial.imports.template_files import FORMATS, template_file
from boligsocial.imports.views.common import crumbs, kind_for, organisation_choice, require_importer


def _listing(request, queryset):
    return build_listing(
        request,
        queryset.select_related("created_by", "organisation"),
        search_fields=("filename",),
        columns=(
            SortColumn("created", _("Uploaded"), ("created_at", "id")),
            SortColumn("filename", _("File"), ("filename", "id")),
        ),
        default_sort="-created",
        per_page=10,
    )


@require_GET
def index(request):
    require_importer(request)
    kinds = registry.kinds_for(request.user)
    chosen = request.GET.get("organisation", "")
    query = f"?organisation={int(chosen)}" if chosen.isdigit() else ""
    return render(
        request,
        "imports/index.html",
        {
            "kinds": [
                (kind, reverse("imports:upload", args=[kind.slug]) + query) for kind in kinds
            ],
            "listing": _listing(request, access.visible_batches(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def upload(request, kind: str):
    kind_ = kind_for(request, kind)
    organisations = kind_.organisations(request.user)
    chosen = organisation_choice(request, kind_)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, kind=kind_, organisations=organisations)
        if form.is_valid():
            batch = services.start(
                kind=kind_,
                upload=form.cleaned_data["file"],
                user=request.user,
                organisation=form.cleaned_data.get("organisation"),
            )
            return redirect("imports:batch", pk=batch.pk)
    else:
        initial = {"organisation": chosen.pk} if chosen else {}
        form = UploadForm(initial=initial, kind=kind_, organisations=organisations)
    context = {
        "kind": kind_,
        "form": form,
        "template_organisations": organisations.order_by("name"),
        "template_organisation": chosen,
        "listing": _listing(request, access.visible_batches(request.user).filter(kind=kind_.code)),
        "max_size": filesizeformat(settings.IMPORT_MAX_BYTES),
        "crumbs": crumbs(),
    }
    if kind_.help_context is not None:
        context |= kind_.help_context(request.user)
    return render(request, "imports/upload.html", context)


@require_GET
def template(request, kind: str, fmt: str):
    """The kind's template file, pre-filled with the data of ?organisation= (one the user may
    import the kind for) or, without it, only the header."""
    kind_ = kind_for(request, kind)
    if fmt not in FORMATS:
        raise Http404
    organisation = None
    chosen = request.GET.get("organisation", "")
    if chosen:
        organisation = (
            kind_.organisations(request.user).filter(pk=chosen if chosen.isdigit() else 0).first()
        )
        if organisation is None:
            raise Http404
    rows = []
    if organisation is not None and kind_.template_rows is not None:
        rows = kind_.template_rows(ImportContext(user=request.user, organisation=organisation))
    content, content_type = template_file(kind_, rows, fmt)
    response = HttpResponse(content, content_type=content_type)
    suffix = f"-{organisation.lbf_number}" if organisation is not None else ""
    name = f"{kind_.slug}-{slugify(_('template'))}{suffix}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
