"""The plan, write and undo shared by the housing imports (departments, leases): sort parsed rows
into create / update / unchanged by comparing with the rows already stored, show that as a
preview, write it in bulk with history and one audit entry per row, and undo it.

Undo (docs/decisions/0018-imports-app.md): rows the import created are deleted, rows it changed
get their old values back, each with history and an audit entry. It is refused, with the reason,
if that would lose a later change: a created row that was changed since or that other data now
refers to (leases, members, cases, values, ...), or a changed row whose fields no longer hold
what the import wrote (or that was deleted)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_changes
from boligsocial.core.importkinds import CREATE, UPDATE, Change, FieldChange, UndoOutcome, Written
from boligsocial.core.importreport import ImportResult
from boligsocial.organisations.signals import bulk_updated

BATCH_SIZE = 1000
MAX_UNDO_PROBLEMS = 10


def shown(value) -> str:
    """A value as the preview shows it (numbers the Danish way)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number_format(Decimal(format(value.normalize(), "f")))  # 72.50 -> 72,5
    if isinstance(value, float):
        return number_format(value)
    return str(value)


def plain(value):
    """A JSON-safe value for the undo record."""
    return str(value) if isinstance(value, Decimal) else value


@dataclass
class ModelPlan:
    """The plan (core.importkinds.Plan) of an import of rows of one model.

    `labels`: attribute -> the column as written in the file; `subject(values)` names a row for
    the preview (values: attribute -> value)."""

    model: type[models.Model]
    labels: dict[str, str]
    subject: Callable[[dict], str]
    organisation_id: int | None = None
    create: list[tuple[int, models.Model, dict]] = field(default_factory=list)
    update: list[tuple[int, models.Model, dict]] = field(default_factory=list)  # attr: (old, new)
    unchanged: int = 0

    @property
    def created(self) -> int:
        return len(self.create)

    @property
    def updated(self) -> int:
        return len(self.update)

    @property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset() if self.organisation_id is None else frozenset({self.organisation_id})

    def add(
        self,
        line: int,
        existing: models.Model | None,
        values: dict,
        new: Callable[[], models.Model],
    ) -> None:
        """Plan one row: `values` are attribute -> value; `new()` builds the row to create."""
        if existing is None:
            self.create.append((line, new(), values))
            return
        changed = {
            name: (getattr(existing, name), value)
            for name, value in values.items()
            if getattr(existing, name) != value
        }
        if not changed:
            self.unchanged += 1
            return
        self.update.append((line, existing, changed))

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for line, _obj, values in self.create:
            digest.update(repr((line, sorted((k, plain(v)) for k, v in values.items()))).encode())
        digest.update(b"|")
        for line, obj, changed in self.update:
            pairs = sorted((k, plain(old), plain(new)) for k, (old, new) in changed.items())
            digest.update(repr((line, obj.pk, pairs)).encode())
        return digest.hexdigest()

    def changes(self, limit: int) -> list[Change]:
        out = []
        for line, _obj, values in self.create[:limit]:
            fields = tuple(
                FieldChange(self.labels[k], "", shown(v))
                for k, v in values.items()
                if k in self.labels
            )
            out.append(Change(line, self.subject(values), CREATE, fields))
        for line, obj, changed in self.update[: max(0, limit - len(out))]:
            values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
            values |= {k: new for k, (_old, new) in changed.items()}
            fields = tuple(
                FieldChange(self.labels[k], shown(old), shown(new))
                for k, (old, new) in changed.items()
            )
            out.append(Change(line, self.subject(values), UPDATE, fields))
        return sorted(out, key=lambda c: c.line)

    def write(self, *, user, filename: str) -> Written:
        """Write the plan (the caller holds the transaction). Unchanged rows are not touched."""
        reason = (_("Imported from %(filename)s") % {"filename": filename})[:100]
        history_user = user if getattr(user, "is_authenticated", False) else None
        created = [obj for _line, obj, _values in self.create]
        if created:
            created = bulk_create_with_history(
                created,
                self.model,
                batch_size=BATCH_SIZE,
                default_user=history_user,
                default_change_reason=reason,
            )
        updated = []
        if self.update:
            fields = sorted({name for _line, _obj, changed in self.update for name in changed})
            for _line, obj, changed in self.update:
                for name, (_old, new) in changed.items():
                    setattr(obj, name, new)
                updated.append(obj)
            bulk_update_with_history(
                updated,
                self.model,
                fields,
                batch_size=BATCH_SIZE,
                default_user=history_user,
                default_change_reason=reason,
            )
            bulk_updated.send(sender=self.model, objects=updated, fields=frozenset(fields))
        record_changes(
            actor=user,
            organisation_id=self.organisation_id,
            entries=[
                *(
                    (obj, ChangeAction.CREATE, {k: (None, v) for k, v in values.items()})
                    for obj, (_line, _o, values) in zip(created, self.create, strict=True)
                ),
                *((obj, ChangeAction.UPDATE, changed) for _line, obj, changed in self.update),
            ],
        )
        record = {
            "created": [
                [obj.pk, {k: plain(v) for k, v in values.items()}]
                for obj, (_line, _o, values) in zip(created, self.create, strict=True)
            ],
            "updated": [
                [obj.pk, {k: [plain(old), plain(new)] for k, (old, new) in changed.items()}]
                for _line, obj, changed in self.update
            ],
        }
        result = ImportResult(created=self.created, updated=self.updated, unchanged=self.unchanged)
        return Written(result=result, undo=record)


def undo_rows(
    model: type[models.Model],
    record: dict,
    *,
    user,
    filename: str,
    apply: bool,
    organisation_id: int | None,
) -> UndoOutcome:
    """Check, and with `apply` do, the undo of an import's `record` (ModelPlan.write)."""
    created = dict(record.get("created", []))
    updated = dict(record.get("updated", []))
    qs = model.objects.filter(pk__in=[*created, *updated])
    if apply:
        qs = qs.select_for_update()
    current = {obj.pk: obj for obj in qs}
    problems: list[str] = []

    def value(name: str, raw):
        return model._meta.get_field(name).to_python(raw) if raw is not None else None

    to_delete = []
    for pk, values in created.items():
        obj = current.get(pk)
        if obj is None:
            continue  # deleted since: nothing to undo
        if any(getattr(obj, name) != value(name, v) for name, v in values.items()):
            problems.append(_("%(row)s has been changed since the import.") % {"row": obj})
            continue
        to_delete.append(obj)
    problems += _referenced(model, to_delete)
    to_restore = []
    for pk, changed in updated.items():
        obj = current.get(pk)
        if obj is None:
            problems.append(
                _("A row the import changed has been deleted since (id %(id)s).") % {"id": pk}
            )
            continue
        if any(getattr(obj, name) != value(name, new) for name, (_old, new) in changed.items()):
            problems.append(_("%(row)s has been changed since the import.") % {"row": obj})
            continue
        to_restore.append((obj, changed))
    if problems:
        return UndoOutcome(problems=_capped(problems))
    outcome = UndoOutcome(deleted=len(to_delete), restored=len(to_restore))
    if not apply:
        return outcome
    reason = (_("Import from %(filename)s undone") % {"filename": filename})[:100]
    history_user = user if getattr(user, "is_authenticated", False) else None
    entries = [(obj, ChangeAction.DELETE, {}) for obj in to_delete]
    if to_delete:
        model.objects.filter(pk__in=[obj.pk for obj in to_delete]).delete()
    if to_restore:
        fields = sorted({name for _obj, changed in to_restore for name in changed})
        objs = []
        for obj, changed in to_restore:
            entries.append(
                (
                    obj,
                    ChangeAction.UNDO,
                    {
                        name: (getattr(obj, name), value(name, old))
                        for name, (old, _n) in changed.items()
                    },
                )
            )
            for name, (old, _new) in changed.items():
                setattr(obj, name, value(name, old))
            objs.append(obj)
        bulk_update_with_history(
            objs,
            model,
            fields,
            batch_size=BATCH_SIZE,
            default_user=history_user,
            default_change_reason=reason,
        )
        bulk_updated.send(sender=model, objects=objs, fields=frozenset(fields))
    record_changes(actor=user, organisation_id=organisation_id, entries=entries)
    return outcome


def _referenced(model: type[models.Model], objs: list[models.Model]) -> list[str]:
    """A problem per row that other data refers to (it cannot be deleted without losing it)."""
    if not objs:
        return []
    ids = [obj.pk for obj in objs]
    used: dict[int, list[str]] = {}
    for relation in model._meta.related_objects:
        related = relation.related_model
        if relation.many_to_many:
            column = f"{relation.field.m2m_reverse_field_name()}_id"
            found = relation.through.objects.filter(**{f"{column}__in": ids}).values_list(
                column, flat=True
            )
        else:
            column = relation.field.attname
            found = related._base_manager.filter(**{f"{column}__in": ids}).values_list(
                column, flat=True
            )
        for pk in set(found):
            used.setdefault(pk, []).append(str(related._meta.verbose_name_plural))
    by_pk = {obj.pk: obj for obj in objs}
    return [
        _("%(row)s cannot be deleted: it has %(what)s now.")
        % {"row": by_pk[pk], "what": ", ".join(sorted(kinds))}
        for pk, kinds in sorted(used.items())
    ]


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_UNDO_PROBLEMS:
        return problems
    more = len(problems) - MAX_UNDO_PROBLEMS
    return [
        *problems[:MAX_UNDO_PROBLEMS],
        ngettext("… and one more.", "… and %(count)s more.", more) % {"count": more},
    ]


def write_plan(plan_: ModelPlan, ctx) -> Written:
    """A master-data kind's `write`: the plan as the user confirmed it (`ModelPlan.write`)."""
    return plan_.write(user=ctx.user, filename=ctx.filename)


def undo_for(model: type[models.Model]) -> Callable[..., UndoOutcome]:
    """A master-data kind's `undo` for `model`: `undo_rows` with the batch's user, file and
    organisation."""

    def undo(record: dict, ctx, *, apply: bool) -> UndoOutcome:
        return undo_rows(
            model,
            record,
            user=ctx.user,
            filename=ctx.filename,
            apply=apply,
            organisation_id=ctx.organisation.pk if ctx.organisation else None,
        )

    return undo
