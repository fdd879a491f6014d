"""Confirmation before a destructive or irreversible action, one shape for every app.

A view asks first with `confirm_page(...)` (a GET, or a POST without the confirmation) and acts
only when `confirmed(request)`: the page's form posts `confirmed=yes` back to the same address
(or `action`). Nothing is changed by showing the page::

    if confirmed(request):
        services.delete_effort(effort=e, by=request.user)
        return redirect(...)
    return confirm_page(request, title=_("Delete the effort?"), consequence=..., button=...,
                        cancel=reverse("coordination:effort", args=[e.pk]))
"""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirmed(request: HttpRequest) -> bool:
    """The user has confirmed: a POST carrying the confirmation page's `confirmed=yes`."""
    return request.method == "POST" and request.POST.get("confirmed") == "yes"


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequence: str,
    button: str,
    cancel: str,
    lead: str = "",
    details: Iterable[str] = (),
    items: Iterable[str] = (),
    action: str = "",
    fields: dict[str, str] | None = None,
    crumbs: list | None = None,
    extra_head: str = "",
) -> HttpResponse:
    """The page asking "are you sure?": `title` (a question), `consequence` (what will happen,
    in plain words), `button` (names the action: "Slet indsatsen", never just "OK"), `cancel`
    (where Cancel goes back to). `lead` is a line above the heading (the object's name),
    `details` further paragraphs, `items` a list (e.g. the recipients), `fields` hidden inputs
    posted along (e.g. the step), `extra_head` a stylesheet path of the app."""
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "consequence": consequence,
            "button": button,
            "cancel": cancel,
            "lead": lead,
            "details": list(details),
            "items": list(items),
            "action": action or request.path,
            "fields": (fields or {}).items(),
            "crumbs": crumbs,
            "extra_head": extra_head,
        },
    )
