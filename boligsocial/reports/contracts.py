"""What an outcome contract makes due to whom (issue 18 part 5, domain.md § 7): a pure rule,
no Django, exact decimals.

* Earned by a date = price per outcome × the outcomes verified on or before it, capped at the
  contract's cap.
* The repayment schedule's steps, in date order: by its due date a step makes due from its
  payer to its payee its cumulative share of the amount earned by then, less what the earlier
  steps between the same two parties made due (never below 0).
* Due by `today`: the steps with a due date on or before today. Nothing is paid through the
  system; the figures are what the contract says."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")


@dataclass(frozen=True)
class Event:
    verified_on: date
    outcomes: int


@dataclass(frozen=True)
class Step:
    key: object  # the caller's id of the step
    due_date: date
    payer: str
    payee: str
    share: Decimal


@dataclass(frozen=True)
class StepDue:
    key: object
    due_date: date
    payer: str
    payee: str
    earned: Decimal  # earned by the step's date
    amount: Decimal  # made due by this step
    is_due: bool  # due date on or before today


@dataclass(frozen=True)
class Settlement:
    outcomes: int  # verified by today
    earned: Decimal  # by today, capped
    uncapped: Decimal
    cap_reached: bool
    steps: tuple[StepDue, ...]
    due_to: dict  # payee -> amount due by today


def earned_by(when: date, events: Iterable[Event], price: Decimal, cap: Decimal) -> Decimal:
    outcomes = sum(e.outcomes for e in events if e.verified_on <= when)
    return min(cap, price * outcomes)


def settle(
    *, price: Decimal, cap: Decimal, events: Iterable[Event], steps: Iterable[Step], today: date
) -> Settlement:
    events = list(events)
    outcomes = sum(e.outcomes for e in events if e.verified_on <= today)
    uncapped = price * outcomes
    made_due: dict[tuple[str, str], Decimal] = {}
    rows = []
    due_to: dict[str, Decimal] = {}
    for step in sorted(steps, key=lambda s: (s.due_date, str(s.key))):
        earned = earned_by(step.due_date, events, price, cap)
        pair = (step.payer, step.payee)
        before = made_due.get(pair, Decimal(0))
        amount = max(Decimal(0), step.share * earned - before)
        made_due[pair] = before + amount
        is_due = step.due_date <= today
        if is_due:
            due_to[step.payee] = due_to.get(step.payee, Decimal(0)) + amount
        rows.append(
            StepDue(
                step.key,
                step.due_date,
                step.payer,
                step.payee,
                earned.quantize(ORE, rounding=ROUND_HALF_UP),
                amount.quantize(ORE, rounding=ROUND_HALF_UP),
                is_due,
            )
        )
    return Settlement(
        outcomes=outcomes,
        earned=min(cap, uncapped).quantize(ORE, rounding=ROUND_HALF_UP),
        uncapped=uncapped.quantize(ORE, rounding=ROUND_HALF_UP),
        cap_reached=uncapped >= cap,
        steps=tuple(rows),
        due_to={k: v.quantize(ORE, rounding=ROUND_HALF_UP) for k, v in due_to.items()},
    )
