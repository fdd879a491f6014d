"""Import of departments and leases from CSV/XLSX into one housing organisation, and the
template files that show the format."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from boligsocial.core import permissions
from boligsocial.organisations import access
from boligsocial.organisations.forms import ImportForm
from boligsocial.organisations.imports import KINDS
from boligsocial.organisations.imports.template_files import FORMATS, template_file
from boligsocial.organisations.models import Organisation


def _managed_organisation(request, pk: int) -> Organisation:
    organisation = get_object_or_404(access.visible_organisations(request.user), pk=pk)
    if not permissions.can(request.user, access.MANAGE, organisation):
        raise PermissionDenied
    return organisation


@require_http_methods(["GET", "POST"])
def import_view(request, pk: int):
    organisation = _managed_organisation(request, pk)
    result = None
    filename = ""
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            kind = KINDS[form.cleaned_data["kind"]]
            upload = form.cleaned_data["file"]
            filename = upload.name
            result = kind.run(
                organisation=organisation, file=upload, filename=filename, user=request.user
            )
            if result.ok:
                messages.success(
                    request,
                    _(
                        "%(kind)s imported from %(filename)s. Created: %(created)s. "
                        "Updated: %(updated)s. Unchanged: %(unchanged)s."
                    )
                    % {
                        "kind": kind.label,
                        "filename": filename,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("organisations:organisation", pk=organisation.pk)
    else:
        form = ImportForm(initial={"kind": request.GET.get("kind", "afdelinger")})
    return render(
        request,
        "organisations/import.html",
        {
            "organisation": organisation,
            "form": form,
            "result": result,
            "filename": filename,
            "kinds": KINDS.values(),
            "crumbs": [
                (_("Housing organisations"), reverse("organisations:organisation_list")),
                (organisation.name, reverse("organisations:organisation", args=[organisation.pk])),
            ],
        },
    )


@require_GET
def import_template_view(request, pk: int, kind: str, fmt: str):
    _managed_organisation(request, pk)
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    content, content_type = template_file(KINDS[kind].columns, fmt)
    response = HttpResponse(content, content_type=content_type)
    template = slugify(_("template"))
    name = f"{kind}-{template}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
