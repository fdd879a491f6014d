"""The economics' writes (decision 0038): one function each, keyword-only, in a transaction,
writing the change log. Refusals raise `services.ReportError` with a Danish message."""

from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.reports import economics
from boligsocial.reports.models import (
    BusinessCase,
    CaseConsequence,
    CaseCost,
    CaseOutcome,
    ContractParty,
    EffectMeasurement,
    OutcomeContract,
    OutcomeEvent,
    Repayment,
    UnitPrice,
)
from boligsocial.reports.services import ReportError

PRICE_FIELDS = ("name", "value", "unit", "payer", "kind", "price_year", "source", "source_url")
CASE_FIELDS = (
    "title",
    "intervention",
    "plan",
    "description",
    "kind",
    "start_year",
    "horizon_years",
    "discount_rate",
)
OUTCOME_FIELDS = (
    "name",
    "persons",
    "success_rate",
    "success_low",
    "success_high",
    "deadweight",
    "deadweight_low",
    "deadweight_high",
    "attribution",
    "success_source",
)
CONTRACT_FIELDS = (
    "title",
    "plan",
    "metric",
    "measurement",
    "price_per_outcome",
    "cap",
    "start_date",
    "end_date",
)


def _text(value) -> str:
    return "" if value is None else str(value)


def _apply(obj, fields, data) -> dict:
    changes = {}
    for name in fields:
        if name not in data:
            continue
        old, new = getattr(obj, name), data[name]
        if old != new:
            changes[name] = (_text(old), _text(new))
            setattr(obj, name, new)
    return changes


# --- the price table ---------------------------------------------------------------------------


@transaction.atomic
def save_price(*, by, price: UnitPrice | None = None, organisation=None, **data) -> UnitPrice:
    if price is not None and price.seeded:
        raise ReportError(_("A price from the domain research cannot be changed."))
    if not str(data.get("source", price.source if price else "")).strip():
        raise ReportError(_("A price needs its source."))
    created = price is None
    if created:
        if organisation is None:
            raise ReportError(_("Choose the housing organisation the price belongs to."))
        price = UnitPrice(organisation=organisation, created_by=by, seeded=False)
    data = {k: v for k, v in data.items() if k in (*PRICE_FIELDS, "note")}
    changes = _apply(price, (*PRICE_FIELDS, "note"), data)
    price.full_clean()
    price.save()
    record_change(
        actor=by,
        obj=price,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        changes=changes,
        organisation_id=price.organisation_id,
    )
    return price


@transaction.atomic
def delete_price(*, by, price: UnitPrice) -> None:
    if price.seeded:
        raise ReportError(_("A price from the domain research cannot be deleted."))
    if price.uses.exists():
        raise ReportError(
            _("The price is used in a business case; remove it there before deleting it.")
        )
    record_change(
        actor=by, obj=price, action=ChangeAction.DELETE, organisation_id=price.organisation_id
    )
    try:
        price.delete()
    except ProtectedError:  # pragma: no cover - checked above, in the same transaction
        raise ReportError(_("The price is used in a business case.")) from None


# --- business cases ----------------------------------------------------------------------------


def _check_case(data) -> None:
    horizon = data.get("horizon_years")
    if horizon is not None and not 1 <= horizon <= 10:
        raise ReportError(_("The horizon is 1 to 10 years."))
    rate = data.get("discount_rate")
    if rate is not None and not Decimal(0) <= rate <= Decimal(1):
        raise ReportError(_("The discount rate is between 0 and 1."))


@transaction.atomic
def save_case(*, by, case: BusinessCase | None = None, organisation=None, **data) -> BusinessCase:
    _check_case(data)
    created = case is None
    if created:
        case = BusinessCase(organisation=organisation, created_by=by)
    elif (
        "kind" in data
        and data["kind"] != case.kind
        and CaseConsequence.objects.filter(outcome__case=case).exists()
    ):
        raise ReportError(
            _(
                "The case already uses prices of its kind; budget-economic and "
                "socio-economic figures are never added together."
            )
        )
    changes = _apply(case, CASE_FIELDS, data)
    case.save()
    record_change(
        actor=by,
        obj=case,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        changes=changes,
        organisation_id=case.organisation_id,
    )
    return case


@transaction.atomic
def delete_case(*, by, case: BusinessCase) -> None:
    record_change(
        actor=by, obj=case, action=ChangeAction.DELETE, organisation_id=case.organisation_id
    )
    case.delete()


def _check_year(case: BusinessCase, year: int, label: str) -> None:
    if not 0 <= year < case.horizon_years:
        raise ReportError(
            _("%(label)s must lie within the horizon (year 0 to %(last)s).")
            % {"label": label, "last": case.horizon_years - 1}
        )


@transaction.atomic
def add_cost(*, by, case: BusinessCase, label: str, year: int, payer: str, amount) -> CaseCost:
    _check_year(case, year, _("The year"))
    cost = CaseCost.objects.create(case=case, label=label, year=year, payer=payer, amount=amount)
    record_change(
        actor=by,
        obj=case,
        action=ChangeAction.UPDATE,
        changes={f"cost:{cost.pk}": ("", f"{label} {year} {payer} {amount}")},
        organisation_id=case.organisation_id,
    )
    BusinessCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    return cost


def _check_rates(data) -> None:
    names = ("success", "deadweight")
    for name in names:
        low, mid, high = (data.get(f"{name}_low"), data.get(name), data.get(f"{name}_high"))
        if None in (low, mid, high):
            continue
        if not (0 <= low <= mid <= high <= 1):
            raise ReportError(_("Low, expected and high must lie between 0 and 1, in that order."))
    if data.get("success_rate") is not None:
        low, high = data.get("success_low"), data.get("success_high")
        if low is not None and high is not None and not low <= data["success_rate"] <= high:
            raise ReportError(_("Low, expected and high must lie between 0 and 1, in that order."))


@transaction.atomic
def save_outcome(*, by, case: BusinessCase, outcome: CaseOutcome | None = None, **data):
    data = {k: v for k, v in data.items() if k in OUTCOME_FIELDS}
    merged = {**({f: getattr(outcome, f) for f in OUTCOME_FIELDS} if outcome else {}), **data}
    merged["success"] = merged.get("success_rate")
    _check_rates(merged)
    created = outcome is None
    if created:
        outcome = CaseOutcome(case=case)
    changes = _apply(outcome, OUTCOME_FIELDS, data)
    outcome.save()
    record_change(
        actor=by,
        obj=case,
        action=ChangeAction.UPDATE,
        changes={f"outcome:{outcome.pk}:{k}": v for k, v in changes.items()},
        organisation_id=case.organisation_id,
    )
    BusinessCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    return outcome


@transaction.atomic
def add_consequence(
    *, by, outcome: CaseOutcome, price: UnitPrice, payer: str, share, first_year, last_year
) -> CaseConsequence:
    case = outcome.case
    if economics.kind_mismatch(case, price):
        raise ReportError(
            _(
                "The price is %(price)s and the case %(case)s: budget-economic and "
                "socio-economic figures are never added together."
            )
            % {
                "price": economics.KIND_LABELS[price.kind].lower(),
                "case": economics.KIND_LABELS[case.kind].lower(),
            }
        )
    _check_year(case, first_year, _("The first year"))
    _check_year(case, last_year, _("The last year"))
    if last_year < first_year:
        raise ReportError(_("The last year cannot come before the first year."))
    consequence = CaseConsequence.objects.create(
        outcome=outcome,
        price=price,
        payer=payer,
        share=share,
        first_year=first_year,
        last_year=last_year,
    )
    record_change(
        actor=by,
        obj=case,
        action=ChangeAction.UPDATE,
        changes={
            f"consequence:{consequence.pk}": (
                "",
                f"{price.name} {payer} {share} {first_year}-{last_year}",
            )
        },
        organisation_id=case.organisation_id,
    )
    BusinessCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    return consequence


@transaction.atomic
def delete_line(*, by, case: BusinessCase, line) -> None:
    """Remove a cost, an outcome (with its consequences) or a consequence of the case."""
    record_change(
        actor=by,
        obj=case,
        action=ChangeAction.UPDATE,
        changes={f"{type(line).__name__.lower()}:{line.pk}": (str(line), "")},
        organisation_id=case.organisation_id,
    )
    line.delete()
    BusinessCase.objects.filter(pk=case.pk).update(updated_at=timezone.now())


# --- effect measurements -----------------------------------------------------------------------


@transaction.atomic
def measure_effect(*, by, organisation=None, measurement=None, intervention=None, plan=None):
    """Create (or recompute) an effect measurement; the result is stored with its time."""
    created = measurement is None
    if created:
        if (intervention is None) == (plan is None):
            raise ReportError(_("Choose either an intervention or a plan."))
        measurement = EffectMeasurement(
            organisation=organisation, intervention=intervention, plan=plan, created_by=by
        )
    measurement.result = economics.measure(
        by, intervention=measurement.intervention, plan=measurement.plan
    )
    measurement.computed_at = timezone.now()
    measurement.save()
    record_change(
        actor=by,
        obj=measurement,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        changes={"computed_at": ("", str(measurement.computed_at))},
        organisation_id=measurement.organisation_id,
    )
    return measurement


@transaction.atomic
def delete_measurement(*, by, measurement: EffectMeasurement) -> None:
    record_change(
        actor=by,
        obj=measurement,
        action=ChangeAction.DELETE,
        organisation_id=measurement.organisation_id,
    )
    measurement.delete()


# --- outcome contracts -------------------------------------------------------------------------


def _check_contract(data) -> None:
    if data.get("price_per_outcome") is not None and data["price_per_outcome"] <= 0:
        raise ReportError(_("The price per outcome must be above 0."))
    if data.get("cap") is not None and data["cap"] <= 0:
        raise ReportError(_("The cap must be above 0."))
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        raise ReportError(_("The end cannot come before the start."))


@transaction.atomic
def save_contract(*, by, contract=None, organisation=None, **data) -> OutcomeContract:
    _check_contract(data)
    created = contract is None
    if created:
        contract = OutcomeContract(organisation=organisation, created_by=by)
    changes = _apply(contract, CONTRACT_FIELDS, data)
    contract.save()
    record_change(
        actor=by,
        obj=contract,
        action=ChangeAction.CREATE if created else ChangeAction.UPDATE,
        changes=changes,
        organisation_id=contract.organisation_id,
    )
    return contract


@transaction.atomic
def delete_contract(*, by, contract: OutcomeContract) -> None:
    record_change(
        actor=by, obj=contract, action=ChangeAction.DELETE, organisation_id=contract.organisation_id
    )
    contract.delete()


def _log_contract(by, contract, key, value) -> None:
    record_change(
        actor=by,
        obj=contract,
        action=ChangeAction.UPDATE,
        changes={key: ("", value)},
        organisation_id=contract.organisation_id,
    )


@transaction.atomic
def add_party(*, by, contract: OutcomeContract, name: str, role: str) -> ContractParty:
    party = ContractParty.objects.create(contract=contract, name=name.strip(), role=role)
    _log_contract(by, contract, f"party:{party.pk}", f"{party.name} ({role})")
    return party


@transaction.atomic
def record_event(
    *, by, contract: OutcomeContract, reference, outcomes, occurred_on, verified_on, verified_by
) -> OutcomeEvent:
    if outcomes < 1:
        raise ReportError(_("Record at least one outcome."))
    if verified_on < occurred_on:
        raise ReportError(_("An outcome cannot be verified before it was reached."))
    if not contract.start_date <= occurred_on <= contract.end_date:
        raise ReportError(_("The outcome must be reached within the contract's period."))
    if verified_on > timezone.localdate():
        raise ReportError(_("An outcome is recorded once it is verified, not in advance."))
    event = OutcomeEvent.objects.create(
        contract=contract,
        reference=reference.strip(),
        outcomes=outcomes,
        occurred_on=occurred_on,
        verified_on=verified_on,
        verified_by=verified_by.strip(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _log_contract(by, contract, f"event:{event.pk}", f"{outcomes} {verified_on}")
    return event


@transaction.atomic
def add_repayment(*, by, contract, due_date, payer, payee, share, note="") -> Repayment:
    if payer.contract_id != contract.pk or payee.contract_id != contract.pk:
        raise ReportError(_("Choose parties of this contract."))
    if payer.pk == payee.pk:
        raise ReportError(_("A party cannot owe itself."))
    if not Decimal(0) < share <= Decimal(1):
        raise ReportError(_("The share is above 0 and at most 1."))
    step = Repayment.objects.create(
        contract=contract, due_date=due_date, payer=payer, payee=payee, share=share, note=note
    )
    _log_contract(by, contract, f"repayment:{step.pk}", f"{due_date} {payer}→{payee} {share}")
    return step


@transaction.atomic
def delete_contract_line(*, by, contract: OutcomeContract, line) -> None:
    if (
        isinstance(line, ContractParty)
        and Repayment.objects.filter(contract=contract, payer=line)
        .union(Repayment.objects.filter(contract=contract, payee=line))
        .exists()
    ):
        raise ReportError(_("The party is in the repayment schedule; remove those steps first."))
    record_change(
        actor=by,
        obj=contract,
        action=ChangeAction.UPDATE,
        changes={f"{type(line).__name__.lower()}:{line.pk}": (str(line), "")},
        organisation_id=contract.organisation_id,
    )
    line.delete()
