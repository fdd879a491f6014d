"""The pages that change people and roles: invite, change a role, end a role, deactivate a user,
send an invitation again, and confirm a board member in the yearly review. Each is a form (or a
confirmation) that calls one service."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from boligsocial.accounts import access, forms, services
from boligsocial.accounts.views.common import (
    base_url,
    display_name,
    get_membership,
    get_person,
    people_crumbs,
    person_crumbs,
    require_people_admin,
)
from boligsocial.organisations.models import Organisation


def _posted(request):
    return request.POST if request.method == "POST" else None


def invite(request):
    require_people_admin(request)
    form = forms.InviteForm(_posted(request), actor=request.user)
    organisations = form.fields["organisation"].queryset
    if request.method == "GET" and (wanted := request.GET.get("organisation", "")).isdigit():
        form.initial["organisation"] = organisations.filter(pk=int(wanted)).first()
    elif request.method == "GET" and organisations.count() == 1:
        form.initial["organisation"] = organisations.first()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invited = services.invite_person(
                actor=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                organisation=data["organisation"],
                department=data["department"],
                municipality=data.get("municipality"),
                appointed_on=data["appointed_on"],
                base_url=base_url(request),
            )
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            name = display_name(invited.user)
            if invited.needs_password:
                text = _(
                    "%(name)s has been invited. The e-mail to %(email)s has a link to choose a "
                    "password; the username is %(username)s."
                )
            else:
                text = _(
                    "%(name)s already had a user (%(username)s) and has been given the role. "
                    "An e-mail to %(email)s tells them."
                )
            messages.success(
                request,
                text
                % {"name": name, "email": invited.user.email, "username": invited.user.username},
            )
            return redirect("accounts:person", invited.user.pk)
    return render(request, "accounts/invite.html", {"form": form, "crumbs": people_crumbs()})


def change_role(request, pk: int):
    membership = get_membership(request, pk, action=access.CHANGE_ROLE)
    form = forms.ChangeRoleForm(_posted(request), actor=request.user, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                actor=request.user, membership=membership, role=form.cleaned_data["role"]
            )
        except services.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The role has been changed."))
            return redirect("accounts:person", membership.user_id)
    return render(
        request,
        "accounts/change_role.html",
        {
            "form": form,
            "membership": membership,
            "name": display_name(membership.user),
            "crumbs": person_crumbs(membership.user),
        },
    )


def end_membership(request, pk: int):
    membership = get_membership(request, pk, action=access.END_MEMBERSHIP)
    if request.method == "POST":
        services.end_membership(actor=request.user, membership=membership)
        messages.success(
            request,
            _("%(name)s no longer has the role %(role)s.")
            % {"name": display_name(membership.user), "role": membership.get_role_display()},
        )
        if access.visible_people(request.user).filter(pk=membership.user_id).exists():
            return redirect("accounts:person", membership.user_id)
        return redirect("accounts:people")
    return render(
        request,
        "accounts/end_membership.html",
        {
            "membership": membership,
            "name": display_name(membership.user),
            "crumbs": person_crumbs(membership.user),
            "back": request.GET.get("fra") == "gennemgang",
        },
    )


@require_POST
def confirm_membership(request, pk: int):
    membership = get_membership(request, pk, action=access.CONFIRM_MEMBERSHIP)
    services.confirm_membership(actor=request.user, membership=membership)
    messages.success(
        request,
        _("%(name)s is confirmed as %(role)s for another year.")
        % {"name": display_name(membership.user), "role": membership.get_role_display()},
    )
    return redirect(reverse("accounts:review"))


def deactivate(request, pk: int):
    person = get_person(request, pk, action=access.DEACTIVATE)
    if request.method == "POST":
        services.deactivate_user(actor=request.user, person=person)
        messages.success(
            request,
            _("%(name)s has been deactivated and can no longer log in.")
            % {"name": display_name(person)},
        )
        return redirect("accounts:person", person.pk)
    return render(
        request,
        "accounts/deactivate.html",
        {
            "person": person,
            "name": display_name(person),
            "crumbs": person_crumbs(person),
            "organisations": Organisation.objects.filter(
                pk__in=access.person_of(person).org_ids
            ).order_by("name"),
        },
    )


def resend_invitation(request, pk: int):
    person = get_person(request, pk, action=access.RESEND_INVITATION)
    if request.method == "POST":
        services.resend_invitation(actor=request.user, person=person, base_url=base_url(request))
        messages.success(
            request,
            _("A new invitation has been sent to %(email)s. The earlier link no longer works.")
            % {"email": person.email},
        )
        return redirect("accounts:person", person.pk)
    return render(
        request,
        "accounts/resend_invitation.html",
        {"person": person, "name": display_name(person), "crumbs": person_crumbs(person)},
    )
