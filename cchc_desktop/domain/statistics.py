"""The statistics of biểu II.06a "Tình hình, kết quả giải quyết TTHC" (domain.md §6): one row per field
(lĩnh vực) plus a total, with the invariants a report must pass before it is exported.

Which dossiers each column counts, for a period [from 00:00, to + 1 day 00:00):

- The dossiers of the period ("counted") are those received before the end of the period and not closed
  before its start. A dossier is *closed* when its result is ready (`resolved_at`; a dossier in state
  result ready / returned without it uses `status_at`) or when it was refused, withdrawn or stopped
  (`status_at`). A `resolved_at` always means resolved, whatever the state says.
- Column (3) counts every counted dossier: (4) online and (5) direct or postal are those received in the
  period, (6) carried over those received before it. So (3) = (4) + (5) + (6), and (3) is *not* the
  "received in the year" of the report's sentence: that figure is (4) + (5) (`received_in_period`). The
  2023 sample reconciles this way: 1,823 received in the year + 2 carried over = 1,825 = 1,819 resolved
  + 6 in progress.
- Every counted dossier ends the period in exactly one place: closed inside the period, as resolved (7),
  refused, withdrawn or stopped by the kind of its closing; or still open at the end (11), which includes
  a dossier closed after the period. A carried-over dossier resolved in the period is therefore in (6)
  and in (7), and (3) = (7) + (11) + refused + withdrawn + stopped holds for legitimate data by
  construction: both sides count the same dossiers.
- (8)/(9)/(10): `timeliness.classify(result time, due_at, calendar, rule)`. `due_at` is the due date
  in force (a supplement restart moves it; an extension, Mẫu 04, moves only the appointment).
- The state at the end of the period: when the dossier is still open and its state began before the end,
  it is the current state. Otherwise (its state changed after the end) the supplement events decide: it
  was waiting for a supplement when the last supplement event before the end is a request, and its due
  date at the end is the one a supplement received after the end replaced ("previous_due_at"). An
  imported dossier has no such events: it counts as running at the end with its current due date.
- (12)/(13): a dossier waiting for a supplement at the end is never overdue; any other open dossier is
  overdue when its due time at the end is before min(now, end of period).
- Fee dossiers: received in the period with a fee after exemptions (`fee_amount` > 0); paid online:
  those with payment method online.

`columns_of` is the rule for one dossier; `storage.statistics_queries` computes the same counts in one
grouped query, and the tests compare the two on generated data.

"Số hóa hồ sơ" (`Statistics.digitisation`): the dossiers received in the period, i.e. (4) + (5), by how
far their papers were digitised (`domain.digitisation`); not per field. Imported dossiers count like any
other: without attachments they are not digitised.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from cchc_desktop.domain.calendar import DEFAULT_SCHEDULE, WorkingCalendar
from cchc_desktop.domain.digitisation import DigitisationCounts
from cchc_desktop.domain.dossiers import Channel, DossierStatus, PaymentMethod
from cchc_desktop.domain.timeliness import Timeliness, TimelinessRule, classify

TOTAL_LABEL = "Tổng cộng"
RESOLVED = "resolved"
RESOLVED_STATES = frozenset({DossierStatus.RESULT_READY.value, DossierStatus.RETURNED.value})
# Closed apart from the resolved ones; each state's value is also the name of its column.
SIDE_CLOSED_STATES = frozenset(
    {DossierStatus.REFUSED.value, DossierStatus.WITHDRAWN.value, DossierStatus.STOPPED.value}
)
TIMELINESS_COLUMNS = {
    Timeliness.EARLY: "resolved_early",
    Timeliness.ON_TIME: "resolved_on_time",
    Timeliness.LATE: "resolved_late",
}


@dataclass(frozen=True)
class FieldStats:
    """One row of biểu II.06a; the comment gives the column number of the printed table."""

    received_total: int = 0  # (3) = (4) + (5) + (6)
    received_online: int = 0  # (4)
    received_direct_postal: int = 0  # (5)
    carried_over: int = 0  # (6)
    resolved_total: int = 0  # (7)
    resolved_early: int = 0  # (8)
    resolved_on_time: int = 0  # (9)
    resolved_late: int = 0  # (10)
    in_progress_total: int = 0  # (11)
    in_progress_within: int = 0  # (12)
    in_progress_overdue: int = 0  # (13)
    refused: int = 0
    withdrawn: int = 0
    stopped: int = 0
    waiting_supplement: int = 0
    fee_dossiers: int = 0
    paid_online: int = 0

    @property
    def received_in_period(self) -> int:
        """(4) + (5): "đã tiếp nhận trong năm" of the report's sentence, without the carried-over ones."""
        return self.received_online + self.received_direct_postal

    @property
    def online_payment_rate(self) -> float:
        """Paid online among the fee dossiers, in percent, two decimals (half up); 0.0 without any."""
        if self.fee_dossiers == 0:
            return 0.0
        rate = Decimal(self.paid_online * 100) / Decimal(self.fee_dossiers)
        return float(rate.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    def __add__(self, other: FieldStats) -> FieldStats:
        return FieldStats(**{name: getattr(self, name) + getattr(other, name) for name in COLUMNS})


COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(FieldStats))


@dataclass(frozen=True)
class Statistics:
    period_from: date
    period_to: date
    rule: TimelinessRule
    by_field: dict[str, FieldStats]
    totals: FieldStats
    # The dossiers received in the period, (4) + (5), by how far their papers were digitised. Left out of
    # equality: two tables of biểu II.06a are equal whatever the attachments (`recount` knows none).
    digitisation: DigitisationCounts = dataclasses.field(default_factory=DigitisationCounts, compare=False)


def digitised_rate(counts: DigitisationCounts) -> float:
    """Fully digitised among the received, in percent, one decimal (half up); 0.0 without any."""
    if counts.received == 0:
        return 0.0
    rate = Decimal(counts.full * 100) / Decimal(counts.received)
    return float(rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class ReportPeriod:
    """[start, end) and the moment open dossiers are judged at: min(now, end)."""

    start: datetime
    end: datetime
    reference: datetime


def report_period(date_from: date, date_to: date, now: datetime) -> ReportPeriod:
    start = datetime.combine(date_from, time())
    end = datetime.combine(date_to + timedelta(days=1), time())
    return ReportPeriod(start, end, min(now, end))


@dataclass(frozen=True)
class SupplementEvent:
    """A supplement request (`requested`) or the arrival of the supplement, which may have replaced the
    due date (`previous_due_at`: the one in force before)."""

    at: datetime
    requested: bool
    previous_due_at: datetime | None = None


@dataclass(frozen=True)
class DossierFacts:
    """What the statistics read of one dossier. `supplement_events` in the order they happened."""

    field_name: str
    channel: str
    received_at: datetime
    due_at: datetime
    status: str
    status_at: datetime
    resolved_at: datetime | None
    fee_amount: int
    payment_method: str
    supplement_events: tuple[SupplementEvent, ...] = ()

    def closing(self) -> tuple[str, datetime] | None:
        """(resolved | refused | withdrawn | stopped, when), or None while the dossier is open."""
        if self.resolved_at is not None:
            return RESOLVED, self.resolved_at
        if self.status in RESOLVED_STATES:
            return RESOLVED, self.status_at
        if self.status in SIDE_CLOSED_STATES:
            return self.status, self.status_at
        return None

    def needs_history(self, end: datetime) -> bool:
        """Whether its state at `end` depends on the supplement events: it was open then, but its state
        changed since (closed, or another state, at or after `end`)."""
        closing = self.closing()
        return closing[1] >= end if closing is not None else self.status_at >= end


def state_at_end(dossier: DossierFacts, end: datetime) -> tuple[bool, datetime]:
    """(waiting for a supplement, due time in force) at `end`, for a dossier still open then."""
    if not dossier.needs_history(end):
        return dossier.status == DossierStatus.WAITING_SUPPLEMENT.value, dossier.due_at
    before = [event for event in dossier.supplement_events if event.at < end]
    waiting = bool(before) and before[-1].requested
    arrivals = [event for event in dossier.supplement_events if not event.requested and event.at >= end]
    due = arrivals[0].previous_due_at if arrivals else None
    return waiting, due or dossier.due_at


def columns_of(
    dossier: DossierFacts, period: ReportPeriod, calendar: WorkingCalendar, rule: TimelinessRule
) -> frozenset[str]:
    """The columns (names of `FieldStats` fields) in which one dossier is counted; empty when the
    dossier does not belong to the period."""
    closing = dossier.closing()
    if dossier.received_at >= period.end or (closing is not None and closing[1] < period.start):
        return frozenset()
    columns = {"received_total"}
    if dossier.received_at >= period.start:
        online = dossier.channel == Channel.ONLINE.value
        columns.add("received_online" if online else "received_direct_postal")
        if dossier.fee_amount > 0:
            columns.add("fee_dossiers")
            if dossier.payment_method == PaymentMethod.ONLINE.value:
                columns.add("paid_online")
    else:
        columns.add("carried_over")
    if closing is not None and closing[1] < period.end:
        kind, at = closing
        if kind == RESOLVED:
            columns |= {"resolved_total", TIMELINESS_COLUMNS[classify(at, dossier.due_at, calendar, rule)]}
        else:
            columns.add(kind)
        return frozenset(columns)
    columns.add("in_progress_total")
    waiting, due = state_at_end(dossier, period.end)
    if waiting:
        columns |= {"waiting_supplement", "in_progress_within"}
    elif due < period.reference:
        columns.add("in_progress_overdue")
    else:
        columns.add("in_progress_within")
    return frozenset(columns)


def recount(
    dossiers: Iterable[DossierFacts],
    date_from: date,
    date_to: date,
    now: datetime,
    calendar: WorkingCalendar,
    rule: TimelinessRule,
) -> Statistics:
    """The statistics counted dossier by dossier: the reference the SQL of the report is checked against."""
    period = report_period(date_from, date_to, now)
    counters: dict[str, Counter[str]] = {}
    for dossier in dossiers:
        columns = columns_of(dossier, period, calendar, rule)
        if columns:
            counters.setdefault(dossier.field_name, Counter()).update(columns)
    return build_statistics(
        date_from, date_to, rule, {name: dict(counts) for name, counts in counters.items()}
    )


def build_statistics(
    date_from: date, date_to: date, rule: TimelinessRule, counts: dict[str, dict[str, int]]
) -> Statistics:
    """Statistics from per-field counts (missing columns are 0), fields in name order, with their total."""
    by_field = {
        name: FieldStats(**{column: int(counts[name].get(column, 0)) for column in COLUMNS})
        for name in sorted(counts)
    }
    totals = sum(by_field.values(), FieldStats())
    return Statistics(date_from, date_to, rule, by_field, totals)


def schedule_session_starts(calendar: WorkingCalendar) -> list[tuple[date, tuple[time, ...]]]:
    """(valid from, session starts) of every office schedule, in date order: what the SQL needs to find
    the working session that contains a due time, as `WorkingCalendar.session_start_containing` does."""
    schedules = sorted(calendar.schedules, key=lambda schedule: schedule.valid_from) or [DEFAULT_SCHEDULE]
    return [(s.valid_from, tuple(session.start for session in s.sessions)) for s in schedules]


# ------------------------------------------------------------------ checks and export
_RULES = (
    (
        "(3)",
        "received_total",
        "(4) + (5) + (6)",
        ("received_online", "received_direct_postal", "carried_over"),
    ),
    ("(7)", "resolved_total", "(8) + (9) + (10)", ("resolved_early", "resolved_on_time", "resolved_late")),
    ("(11)", "in_progress_total", "(12) + (13)", ("in_progress_within", "in_progress_overdue")),
    (
        "(3)",
        "received_total",
        "(7) + (11) + từ chối + rút + dừng",
        ("resolved_total", "in_progress_total", "refused", "withdrawn", "stopped"),
    ),
)


def _row_errors(label: str, row: FieldStats) -> list[str]:
    errors = [
        f"{label}: số âm ở cột {name} ({getattr(row, name)})." for name in COLUMNS if getattr(row, name) < 0
    ]
    for number, total, parts_label, parts in _RULES:
        value = getattr(row, total)
        parts_sum = sum(getattr(row, part) for part in parts)
        if value != parts_sum:
            errors.append(f"{label}: cột {number} = {value} nhưng {parts_label} = {parts_sum}.")
    if row.waiting_supplement > row.in_progress_within:
        errors.append(
            f"{label}: {row.waiting_supplement} hồ sơ chờ bổ sung nhiều hơn số hồ sơ đang giải quyết "
            f"trong hạn ({row.in_progress_within}); hồ sơ chờ bổ sung không bao giờ quá hạn."
        )
    if row.fee_dossiers > row.received_in_period:
        errors.append(
            f"{label}: {row.fee_dossiers} hồ sơ phải nộp phí, lệ phí nhiều hơn số hồ sơ tiếp nhận "
            f"trong kỳ ({row.received_in_period})."
        )
    if row.paid_online > row.fee_dossiers:
        errors.append(
            f"{label}: {row.paid_online} hồ sơ thanh toán trực tuyến nhiều hơn số hồ sơ phải nộp phí, "
            f"lệ phí ({row.fee_dossiers})."
        )
    return errors


def invariant_errors(stats: Statistics) -> list[str]:
    """Every way the table contradicts itself, in Vietnamese; empty when it may be exported."""
    errors: list[str] = []
    if stats.period_to < stats.period_from:
        errors.append(
            f"Kỳ báo cáo không hợp lệ: ngày kết thúc {stats.period_to:%d/%m/%Y} trước ngày bắt đầu "
            f"{stats.period_from:%d/%m/%Y}."
        )
    for name, row in stats.by_field.items():
        errors.extend(_row_errors(f"Lĩnh vực “{name or 'chưa ghi'}”", row))
    errors.extend(_row_errors(TOTAL_LABEL, stats.totals))
    digitised = stats.digitisation
    if digitised.full < 0 or digitised.partial < 0 or digitised.none < 0:
        errors.append(
            f"Số hóa hồ sơ: số âm (đầy đủ {digitised.full}, một phần {digitised.partial}, "
            f"chưa số hóa {digitised.none})."
        )
    if digitised.full + digitised.partial > stats.totals.received_in_period:
        errors.append(
            f"Số hóa hồ sơ: {digitised.full + digitised.partial} hồ sơ có tệp số hóa, nhiều hơn số hồ sơ "
            f"tiếp nhận trong kỳ ({stats.totals.received_in_period})."
        )
    summed = sum(stats.by_field.values(), FieldStats())
    for column in COLUMNS:
        if getattr(summed, column) != getattr(stats.totals, column):
            errors.append(
                f"{TOTAL_LABEL}: cột {column} = {getattr(stats.totals, column)} nhưng tổng các lĩnh vực "
                f"= {getattr(summed, column)}."
            )
    return errors


def _json_row(row: FieldStats) -> dict[str, Any]:
    return {
        **{column: getattr(row, column) for column in COLUMNS},
        "online_payment_rate": row.online_payment_rate,
    }


def to_json_dict(stats: Statistics) -> dict[str, Any]:
    return {
        "period": {"from": stats.period_from.isoformat(), "to": stats.period_to.isoformat()},
        "rule": stats.rule.value,
        "totals": _json_row(stats.totals),
        "by_field": {name: _json_row(row) for name, row in stats.by_field.items()},
        "digitised_full": stats.digitisation.full,
        "digitised_partial": stats.digitisation.partial,
        "digitised_none": stats.digitisation.none,
        "digitised_rate": digitised_rate(stats.digitisation),
    }
