"""The guide pages: list, a guide with its versions, a version's preview and XLSForm download,
importing an XLSForm, and authoring (edit a question, new version, publish; the rest of the
authoring pages are in `authoring.py`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.core import permissions
from boligsocial.guides import access, services
from boligsocial.guides.forms import ImportForm, QuestionForm
from boligsocial.guides.models import Guide, GuideVersion, Question
from boligsocial.guides.rendering import form_context
from boligsocial.guides.xlsform.reading import XLSFormError, read
from boligsocial.guides.xlsform.writing import to_xlsx

MAX_UPLOAD = 5 * 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request, action, obj=None):
    if not permissions.can(request.user, action, obj):
        raise PermissionDenied


def _version(request, pk) -> GuideVersion:
    _require(request, access.VIEW_GUIDES)
    return get_object_or_404(
        GuideVersion.objects.select_related("guide").filter(
            guide__in=access.visible_guides(request.user)
        ),
        pk=pk,
    )


def guide_list(request):
    _require(request, access.VIEW_GUIDES)
    guides = access.visible_guides(request.user).prefetch_related("versions")
    return render(
        request,
        "guides/guide_list.html",
        {
            "guides": [
                {"guide": g, "versions": sorted(g.versions.all(), key=lambda v: -v.number)}
                for g in guides
            ],
            "can_author": permissions.can(request.user, access.AUTHOR_GUIDE, None),
        },
    )


def guide_detail(request, pk):
    _require(request, access.VIEW_GUIDES)
    guide = get_object_or_404(access.visible_guides(request.user), pk=pk)
    versions = list(guide.versions.all())
    latest = versions[0] if versions else None
    return render(
        request,
        "guides/guide_detail.html",
        {
            "guide": guide,
            "versions": versions,
            "latest": latest,
            "themes": list(latest.themes.prefetch_related("questions")) if latest else [],
            "can_author": permissions.can(request.user, access.AUTHOR_GUIDE, guide),
        },
    )


def preview(request, pk):
    version = _version(request, pk)
    guide = version.spec()
    return render(
        request,
        "guides/preview.html",
        {"version": version, "guide": guide, "themes": form_context(guide, {})},
    )


def xlsform(request, pk):
    version = _version(request, pk)
    response = HttpResponse(to_xlsx(version.spec()), content_type=XLSX)
    name = f"{version.guide.key}-v{version.number}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def import_xlsform(request):
    _require(request, access.AUTHOR_GUIDE)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is too large (at most 5 MB)."))
        else:
            try:
                guide = read(upload.read())
            except XLSFormError as e:
                report = e.rows
            else:
                existing = Guide.objects.filter(key=guide.key).first()
                organisations = sorted(access.authoring_organisations(request.user))
                if existing is not None and not permissions.can(
                    request.user, access.AUTHOR_GUIDE, existing
                ):
                    form.add_error(
                        None,
                        _("A guide with the key »%(key)s« exists and you cannot change it.")
                        % {"key": guide.key},
                    )
                else:
                    try:
                        version = services.store_guide(
                            guide=guide,
                            actor=request.user,
                            organisation=_owner(request.user, existing, organisations),
                        )
                    except services.GuideError as e:
                        report = [("", 0, p) for p in e.problems]
                    else:
                        messages.success(request, _("The guide was imported as a draft."))
                        return redirect(reverse("guides:detail", args=[version.guide_id]))
    return render(request, "guides/import.html", {"form": form, "report": report})


def _owner(user, existing, organisations):
    """The organisation an imported guide belongs to: an existing guide's; for a new guide the
    head's organisation, none (shared) for an administrator."""
    from boligsocial.organisations.access import scope
    from boligsocial.organisations.models import Organisation

    if existing is not None:
        return existing.organisation
    if scope(user).is_admin or not organisations:
        return None
    return Organisation.objects.get(pk=organisations[0])


def question_edit(request, pk):
    _require(request, access.VIEW_GUIDES)
    question = get_object_or_404(
        Question.objects.select_related("theme__version__guide").filter(
            theme__version__guide__in=access.visible_guides(request.user)
        ),
        pk=pk,
    )
    version = question.theme.version
    _require(request, access.AUTHOR_GUIDE, version.guide)
    from boligsocial.guides.authoring import _earlier

    form = QuestionForm(
        request.POST or None,
        initial=QuestionForm.initial_for(question.spec()),
        earlier=_earlier(version, question.theme, question.key),
    )
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.edit_question(question=question, actor=request.user, **form.changes())
        except services.GuideError as e:
            for problem in e.problems:
                form.add_error(None, problem)
        else:
            if edited.theme.version_id != version.pk:
                messages.info(
                    request,
                    _("Version %(n)s is in use, so the change made a new version %(m)s.")
                    % {"n": version.number, "m": edited.theme.version.number},
                )
            else:
                messages.success(request, _("The question is saved."))
            return redirect(
                reverse("guides:edit", args=[edited.theme.version_id]) + f"#q-{edited.pk}"
            )
    return render(
        request,
        "guides/question_form.html",
        {"form": form, "question": question, "theme": question.theme, "version": version},
    )


@require_POST
def new_version(request, pk):
    version = _version(request, pk)
    _require(request, access.AUTHOR_GUIDE, version.guide)
    draft = services.new_version(version=version, actor=request.user)
    messages.success(request, _("A new draft version was made."))
    return redirect(reverse("guides:edit", args=[draft.pk]))


@require_POST
def publish(request, pk):
    version = _version(request, pk)
    _require(request, access.AUTHOR_GUIDE, version.guide)
    services.publish(version=version, actor=request.user)
    messages.success(request, _("The version is published: new analyses use it."))
    return redirect(reverse("guides:detail", args=[version.guide_id]))
