"""Authoring guides in the UI (decision 0043): create a guide; add, edit, reorder (up / down)
and remove the themes and questions of a draft version. Heads and administrators only
(`access.AUTHOR_GUIDE`): a guide outside the user's reading scope is 404, one they read but
may not author 403.

Every write is a `guides.services` call (checked as a whole guide, audited). A frozen version
(one an answer uses) is never edited: its editing page shows it read-only and offers a new
version; a write posted to it anyway lands in a new version (the services copy first) and the
page says so. Removals ask for confirmation on their own page (no JavaScript needed)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.core import permissions
from boligsocial.guides import access, services, spec
from boligsocial.guides.forms import GuideForm, NewQuestionForm, NewThemeForm, ThemeForm
from boligsocial.guides.models import GuideVersion, Question, Theme
from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Organisation

DIRECTIONS = {"op": -1, "ned": 1}


def _author(request, guide) -> None:
    if not permissions.can(request.user, access.AUTHOR_GUIDE, guide):
        raise PermissionDenied


def _visible(request, queryset, prefix: str, pk: int):
    if not permissions.can(request.user, access.VIEW_GUIDES, None):
        raise PermissionDenied
    guides = access.visible_guides(request.user)
    return get_object_or_404(queryset.filter(**{f"{prefix}__in": guides}), pk=pk)


def _version(request, pk) -> GuideVersion:
    version = _visible(request, GuideVersion.objects.select_related("guide"), "guide", pk)
    _author(request, version.guide)
    return version


def _theme(request, pk) -> Theme:
    theme = _visible(request, Theme.objects.select_related("version__guide"), "version__guide", pk)
    _author(request, theme.version.guide)
    return theme


def _question(request, pk) -> Question:
    question = _visible(
        request,
        Question.objects.select_related("theme__version__guide"),
        "theme__version__guide",
        pk,
    )
    _author(request, question.theme.version.guide)
    return question


def _done(request, before: GuideVersion, after_id: int, text: str, anchor: str = ""):
    """Tell what happened (and that the version moved on, if it did); back to the editor."""
    if after_id != before.pk:
        after = GuideVersion.objects.get(pk=after_id)
        messages.info(
            request,
            _("Version %(n)s is in use, so the change made a new version %(m)s.")
            % {"n": before.number, "m": after.number},
        )
    else:
        messages.success(request, text)
    return redirect(reverse("guides:edit", args=[after_id]) + (f"#{anchor}" if anchor else ""))


def _refused(request, error: services.GuideError) -> None:
    for problem in error.problems:
        messages.error(request, problem)


def guide_create(request):
    if not permissions.can(request.user, access.AUTHOR_GUIDE, None):
        raise PermissionDenied
    shared = scope(request.user).is_admin
    organisations = (
        Organisation.objects.order_by("name")
        if shared
        else Organisation.objects.filter(
            pk__in=access.authoring_organisations(request.user)
        ).order_by("name")
    )
    form = GuideForm(request.POST or None, organisations=organisations, shared=shared)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.create_guide(
                key=data["key"],
                name=data["name"],
                name_en=data["name_en"],
                kind=data["kind"],
                description=data["description"],
                organisation=data["organisation"],
                actor=request.user,
                first_theme=spec.Theme(data["theme_key"], data["theme_title"]),
            )
        except services.GuideError as e:
            for problem in e.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("The guide is created as a draft: add its questions."))
            return redirect(reverse("guides:edit", args=[version.pk]))
    return render(request, "guides/guide_form.html", {"form": form})


def version_edit(request, pk):
    version = _version(request, pk)
    themes = list(version.themes.prefetch_related("questions"))
    return render(
        request,
        "guides/version_edit.html",
        {
            "version": version,
            "guide": version.guide,
            "themes": themes,
            "frozen": version.is_frozen,
            "is_latest": not version.guide.versions.filter(number__gt=version.number).exists(),
        },
    )


def theme_add(request, pk):
    version = _version(request, pk)
    taken = set(version.themes.values_list("key", flat=True))
    form = NewThemeForm(request.POST or None, taken=taken)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.add_theme(version=version, actor=request.user, **form.cleaned_data)
        except services.GuideError as e:
            for problem in e.problems:
                form.add_error(None, problem)
        else:
            return _done(
                request, version, theme.version_id, _("The theme is added."), f"tema-{theme.pk}"
            )
    return render(
        request,
        "guides/theme_form.html",
        {"form": form, "version": version, "title": _("New theme")},
    )


def theme_edit(request, pk):
    theme = _theme(request, pk)
    version = theme.version
    form = ThemeForm(
        request.POST or None,
        initial={"title": theme.title, "title_en": theme.title_en, "help_text": theme.help_text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            edited = services.edit_theme(theme=theme, actor=request.user, **form.cleaned_data)
        except services.GuideError as e:
            for problem in e.problems:
                form.add_error(None, problem)
        else:
            return _done(
                request, version, edited.version_id, _("The theme is saved."), f"tema-{edited.pk}"
            )
    return render(
        request,
        "guides/theme_form.html",
        {"form": form, "version": version, "theme": theme, "title": _("Edit theme")},
    )


def _direction(request) -> int:
    direction = DIRECTIONS.get(request.POST.get("direction", ""))
    if direction is None:
        raise PermissionDenied  # only the page's own buttons post here
    return direction


@require_POST
def theme_move(request, pk):
    theme = _theme(request, pk)
    version = theme.version
    try:
        moved = services.move_theme(theme=theme, actor=request.user, direction=_direction(request))
    except services.GuideError as e:
        _refused(request, e)
        return redirect(reverse("guides:edit", args=[version.pk]) + f"#tema-{theme.pk}")
    return _done(request, version, moved.version_id, _("The theme is moved."), f"tema-{moved.pk}")


def theme_delete(request, pk):
    theme = _theme(request, pk)
    version = theme.version
    if request.method == "POST":
        try:
            after = services.remove_theme(theme=theme, actor=request.user)
        except services.GuideError as e:
            _refused(request, e)
            return redirect(reverse("guides:edit", args=[version.pk]) + f"#tema-{theme.pk}")
        return _done(request, version, after.pk, _("The theme and its questions are removed."))
    return render(
        request,
        "guides/confirm_delete.html",
        {
            "version": version,
            "what": theme.title,
            "key": theme.key,
            "questions": list(theme.questions.all()),
            "heading": _("Remove the theme?"),
        },
    )


def _earlier(version: GuideVersion, theme: Theme, before_key: str | None) -> list:
    """The version's questions before `before_key` (None: up to the end of `theme`)."""
    out = []
    for t in version.spec().themes:
        for q in t.questions:
            if q.key == before_key:
                return out
            out.append(q)
        if before_key is None and t.key == theme.key:
            return out
    return out


def question_add(request, pk):
    theme = _theme(request, pk)
    version = theme.version
    taken = set(Question.objects.filter(theme__version=version).values_list("key", flat=True))
    form = NewQuestionForm(
        request.POST or None,
        taken=taken,
        earlier=_earlier(version, theme, None),
        initial={"weight": 1, "type": spec.SCALE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = services.add_question(theme=theme, actor=request.user, question=form.question())
        except services.GuideError as e:
            for problem in e.problems:
                form.add_error(None, problem)
        else:
            return _done(
                request, version, row.theme.version_id, _("The question is added."), f"q-{row.pk}"
            )
    return render(
        request,
        "guides/question_form.html",
        {"form": form, "theme": theme, "version": version, "new": True},
    )


@require_POST
def question_move(request, pk):
    question = _question(request, pk)
    version = question.theme.version
    try:
        moved = services.move_question(
            question=question, actor=request.user, direction=_direction(request)
        )
    except services.GuideError as e:
        _refused(request, e)
        return redirect(reverse("guides:edit", args=[version.pk]) + f"#q-{question.pk}")
    return _done(
        request, version, moved.theme.version_id, _("The question is moved."), f"q-{moved.pk}"
    )


def question_delete(request, pk):
    question = _question(request, pk)
    version = question.theme.version
    if request.method == "POST":
        try:
            after = services.remove_question(question=question, actor=request.user)
        except services.GuideError as e:
            _refused(request, e)
            return redirect(reverse("guides:edit", args=[version.pk]) + f"#q-{question.pk}")
        return _done(request, version, after.pk, _("The question is removed."))
    return render(
        request,
        "guides/confirm_delete.html",
        {
            "version": version,
            "what": question.text,
            "key": question.key,
            "questions": [],
            "heading": _("Remove the question?"),
        },
    )
