"""A plan's documents tab: the documents with every version, uploading a document or a new
version, downloading a version (only through the plan's access check, logged as a read) and
removing a version, asked first on a page of its own (decision 0044)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.core.confirm import confirm_page, confirmed
from boligsocial.core.permissions import can
from boligsocial.plans import access, documents, forms, services
from boligsocial.plans.models import DocumentVersion, PlanDocument
from boligsocial.plans.views.common import get_plan, plan_context, plan_crumbs


def _form(request, **kwargs):
    return forms.DocumentForm(
        request.POST or None,
        request.FILES or None,
        allowed=", ".join(documents.ALLOWED.values()),
        max_mb=documents.MAX_BYTES // 1024 // 1024,
        **kwargs,
    )


def index(request, pk: int):
    plan = get_plan(request, pk)
    context = plan_context(request, plan, "documents")
    docs = list(
        plan.documents.prefetch_related("versions__uploaded_by").order_by("kind", "title", "pk")
    )
    for d in docs:
        d.all_versions = list(d.versions.all())  # newest first
        for v in d.all_versions:
            v.document = d
            v.may_remove = can(request.user, access.REMOVE_DOCUMENT, v)
    context["documents"] = docs
    return render(request, "plans/documents.html", context)


def _upload_page(request, plan, form, title, save):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except services.PlanError as e:
            form.add_error("file", e.message)
        else:
            messages.success(request, _("The document has been uploaded."))
            return redirect("plans:documents", plan.pk)
    context = plan_context(request, plan, "documents")
    context.update({"form": form, "title": title, "multipart": True})
    return render(request, "plans/form.html", context)


def add(request, pk: int):
    plan = get_plan(request, pk, access.EDIT_PART)
    form = _form(request)

    def save(d):
        documents.add_document(
            plan=plan,
            by=request.user,
            kind=d["kind"],
            title=d["title"],
            uploaded=d["file"],
            note=d["note"],
        )

    return _upload_page(request, plan, form, _("Upload a document"), save)


def _document(request, pk: int) -> PlanDocument:
    return get_object_or_404(
        PlanDocument.objects.select_related("plan").filter(
            plan__in=access.visible_plans(request.user)
        ),
        pk=pk,
    )


def add_version(request, pk: int):
    document = _document(request, pk)
    plan = get_plan(request, document.plan_id, access.EDIT_PART)
    form = _form(request, new_version=True)

    def save(d):
        documents.add_version(
            document=document, by=request.user, uploaded=d["file"], note=d["note"]
        )

    title = _("New version of %(title)s") % {"title": document.title}
    return _upload_page(request, plan, form, title, save)


def _version(request, pk: int) -> DocumentVersion:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__plan").filter(
            document__plan__in=access.visible_plans(request.user)
        ),
        pk=pk,
    )
    return version


def download(request, pk: int):
    version = _version(request, pk)
    route = request.resolver_match.view_name if request.resolver_match else request.path
    return documents.file_response(version, user=request.user, route=route)


def remove(request, pk: int):
    """Asks first (a removed version cannot be brought back); a POST without the confirmation
    changes nothing."""
    version = _version(request, pk)
    plan = get_plan(request, version.document.plan_id)
    version.document.plan = plan
    if not can(request.user, access.REMOVE_DOCUMENT, version):
        raise PermissionDenied
    if confirmed(request):
        gone = documents.remove_version(version=version, by=request.user)
        messages.success(
            request,
            _("The document has been removed: it had no other version.")
            if gone
            else _("The version has been removed. The other versions are kept."),
        )
        return redirect("plans:documents", plan.pk)
    others = version.document.versions.exclude(pk=version.pk).count()
    return confirm_page(
        request,
        title=_("Remove version %(n)s of %(title)s?")
        % {"n": version.number, "title": version.document.title},
        button=_("Yes, remove the version"),
        consequence=(
            _("The file %(name)s is deleted and cannot be downloaded again.")
            % {"name": version.original_name}
        )
        + " "
        + (
            _("The document's other versions are kept.")
            if others
            else _("It is the document's only version, so the document is removed too.")
        ),
        cancel=reverse("plans:documents", args=[plan.pk]),
        lead=plan.name,
        crumbs=plan_crumbs(plan),
        extra_head="plans/plans.css",
    )
