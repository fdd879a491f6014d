"""Sharing one case with a named municipal user (reason and explanation required) and revoking
the share."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from boligsocial.cases import access, forms, services
from boligsocial.cases.views.common import add_service_errors, get_case
from boligsocial.cases.views.common import posted as _posted


@require_http_methods(["GET", "POST"])
def share(request, pk: int):
    case = get_case(request, pk, action=access.SHARE_CASE)
    form = forms.ShareForm(
        _posted(request),
        users=access.case_share_recipients(case),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.share_case(
                case, data["user"], data["reason"], data["explanation"], request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The case is now shared with %(name)s.")
                % {"name": data["user"].get_full_name() or data["user"].username},
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/share_form.html",
        {"case": case, "form": form, "shares": case.shares.select_related("user")},
    )


@require_http_methods(["GET", "POST"])
def share_revoke(request, pk: int, share_pk: int):
    case = get_case(request, pk, action=access.SHARE_CASE)
    share_row = get_object_or_404(case.shares.select_related("user"), pk=share_pk)
    if not share_row.is_active:
        messages.info(request, _("The share has already been revoked."))
        return redirect("cases:detail", pk=case.pk)
    form = forms.ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.revoke_share(share_row, request.user, explanation=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The share has been revoked."))
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/share_revoke.html", {"case": case, "share": share_row, "form": form}
    )
