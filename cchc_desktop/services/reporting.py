"""The counter's statistics for the CCHC report (biểu II.06a): computed in SQL for a period, checked
against the invariants before anything is exported, the report's sentences in Vietnamese, the usual
periods, and the dossiers behind any number of the table.

Which dossier goes in which column is decided in `domain.statistics` (see its docstring); whether a
dossier's papers were digitised in `domain.digitisation`.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from cchc_desktop.core.errors import InvalidInputError, UserFacingError
from cchc_desktop.domain import vn_format
from cchc_desktop.domain.digitisation import DigitisationCounts
from cchc_desktop.domain.statistics import (
    COLUMNS,
    DossierFacts,
    Statistics,
    build_statistics,
    columns_of,
    digitised_rate,
    invariant_errors,
    report_period,
    schedule_session_starts,
)
from cchc_desktop.domain.timeliness import TimelinessRule
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import digitisation_queries, row_faults, statistics_queries

# Field names as the report writes them in its list of resolved dossiers by field, following the
# 2023 report of xã Đại Hợp ("chứng thực 1361; hộ tịch 274; BTXH 168; Người có công: 15; xử lý đơn 1"),
# its colon after "Người có công" included. Other fields: the name with a small first letter.
SHORT_FIELD_NAMES = {
    "Chứng thực": "chứng thực",
    "Hộ tịch": "hộ tịch",
    "Bảo trợ xã hội": "BTXH",
    "Người có công": "Người có công:",
    "Xử lý đơn": "xử lý đơn",
}
PRESET_CCHC_YEAR = "Năm CCHC (15/12 – 14/12)"
PRESET_CALENDAR_YEAR = "Năm dương lịch"
PRESET_THIS_QUARTER = "Quý này"
PRESET_LAST_QUARTER = "Quý trước"
PRESET_THIS_MONTH = "Tháng này"
PRESET_LAST_MONTH = "Tháng trước"
RULE_FOOTNOTES = {
    TimelinessRule.SESSION: (
        "Hồ sơ giải quyết trước hạn: có kết quả trước thời điểm bắt đầu buổi làm việc có hạn trả kết quả; "
        "đúng hạn: có kết quả trong buổi làm việc đó, không muộn hơn hạn trả."
    ),
    TimelinessRule.DAY: (
        "Hồ sơ giải quyết trước hạn: có kết quả trước ngày hẹn trả; "
        "đúng hạn: có kết quả trong ngày hẹn trả, không muộn hơn hạn trả."
    ),
}


class StatisticsMismatchError(UserFacingError):
    """The table contradicts itself; the report must not be exported."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(
            "Số liệu thống kê không khớp nên chưa xuất báo cáo. Hãy kiểm tra lại dữ liệu hồ sơ:\n- "
            + "\n- ".join(errors)
        )
        self.errors = errors


class FaultyDossiersError(UserFacingError):
    """Dossiers of the period were changed behind the app's back: the report would miss them."""

    SHOWN = 20

    def __init__(self, faults: list[row_faults.DossierFault]) -> None:
        lines = [fault.describe() for fault in faults[: self.SHOWN]]
        if len(faults) > self.SHOWN:
            lines.append(
                f"và {len(faults) - self.SHOWN} hồ sơ khác (được đánh dấu trong thẻ Theo dõi hạn giải quyết, "
                "Trạng thái “Tất cả”)"
            )
        super().__init__(
            f"Chưa lập được báo cáo: {len(faults)} hồ sơ có lỗi dữ liệu (đã bị sửa ngoài phần mềm) nên "
            "không tính được vào số liệu:\n- "
            + "\n- ".join(lines)
            + "\nHãy khôi phục từ bản sao lưu hoặc báo cho bộ phận hỗ trợ sửa các hồ sơ này rồi lập lại báo cáo."
        )
        self.faults = faults


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def _rule(ws: Workspace, rule: TimelinessRule | None) -> TimelinessRule:
    return rule if rule is not None else TimelinessRule(ws.settings().classification_rule)


def _check_period(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise InvalidInputError(
            f"Ngày kết thúc kỳ báo cáo ({date_to:%d/%m/%Y}) phải bằng hoặc sau ngày bắt đầu "
            f"({date_from:%d/%m/%Y})."
        )


def compute_statistics(
    ws: Workspace,
    date_from: date,
    date_to: date,
    now: datetime | None = None,
    rule: TimelinessRule | None = None,
) -> Statistics:
    """The statistics of [date_from 00:00, date_to 23:59:59], open dossiers judged at min(now, end);
    `rule` defaults to the `classification_rule` setting. `FaultyDossiersError` lists the dossiers of the
    period whose rows cannot be read."""
    _check_period(date_from, date_to)
    rule = _rule(ws, rule)
    period = report_period(date_from, date_to, _now(now))
    schedules = schedule_session_starts(ws.calendar)
    with ws.db.read() as tx:
        # A row the report cannot read would silently drop out of (or distort) its numbers.
        faulty = row_faults.faults_of(tx, open_or_received_since=period.start)
        if faulty:
            raise FaultyDossiersError(faulty)
        counts = statistics_queries.field_counts(
            tx, period.start, period.end, period.reference, schedules, rule
        )
        full, partial = digitisation_queries.digitised_counts(tx, period.start, period.end)
    stats = build_statistics(date_from, date_to, rule, counts)
    # The dossiers received in the period without a full or partial scan hold none.
    none = stats.totals.received_in_period - full - partial
    return dataclasses.replace(stats, digitisation=DigitisationCounts(full, partial, none))


def check(stats: Statistics) -> None:
    """Raise `StatisticsMismatchError` listing every invariant that fails."""
    errors = invariant_errors(stats)
    if errors:
        raise StatisticsMismatchError(errors)


# ------------------------------------------------------------------ periods
def _quarter(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    return first, _month(year, 3 * quarter)[1]


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def period_presets(today: date) -> dict[str, tuple[date, date]]:
    """The usual report periods around `today`, inclusive dates.

    The CCHC year (Nghị định 09/2019 convention) runs from 15/12 of the previous year to 14/12; the
    preset is the one named by the current calendar year, i.e. the year whose report is written in its
    December: on 20/12/2026 that is still 15/12/2025 – 14/12/2026 (the report being prepared), and from
    1/1/2027 the new one, 15/12/2026 – 14/12/2027.
    """
    year = today.year
    quarter = (today.month - 1) // 3 + 1
    last_quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    last_month = (year, today.month - 1) if today.month > 1 else (year - 1, 12)
    return {
        PRESET_CCHC_YEAR: (date(year - 1, 12, 15), date(year, 12, 14)),
        PRESET_CALENDAR_YEAR: (date(year, 1, 1), date(year, 12, 31)),
        PRESET_THIS_QUARTER: _quarter(year, quarter),
        PRESET_LAST_QUARTER: _quarter(*last_quarter),
        PRESET_THIS_MONTH: _month(year, today.month),
        PRESET_LAST_MONTH: _month(*last_month),
    }


def past_year_presets(today: date, years: int) -> dict[str, tuple[date, date]]:
    """The `years` years before `today`'s, newest first, each as its calendar year ("Năm 2025") and its
    CCHC year ("Năm CCHC 2025": 15/12/2024 – 14/12/2025): a late or corrected report of a past year."""
    presets: dict[str, tuple[date, date]] = {}
    for year in range(today.year - 1, today.year - 1 - years, -1):
        presets[f"Năm {year}"] = (date(year, 1, 1), date(year, 12, 31))
        presets[f"Năm CCHC {year}"] = (date(year - 1, 12, 15), date(year, 12, 14))
    return presets


# ------------------------------------------------------------------ the report's sentences
def short_field_name(field: str) -> str:
    if field in SHORT_FIELD_NAMES:
        return SHORT_FIELD_NAMES[field]
    return field[:1].lower() + field[1:] if field else "lĩnh vực khác"


def _share(part: int, whole: int) -> str:
    return vn_format.percent(part * 100 / whole if whole else 0.0)


def period_phrase(start: date, end: date) -> str:
    """How the report's sentence names its period: "trong năm 2023" for a calendar year or a CCHC year
    (15/12 of the year before to 14/12), otherwise "từ ngày 01/01/2026 đến ngày 30/06/2026"."""
    whole_year = (start, end) in {
        (date(end.year, 1, 1), date(end.year, 12, 31)),
        (date(end.year - 1, 12, 15), date(end.year, 12, 14)),
    }
    if whole_year:
        return f"trong năm {end.year}"
    return f"từ ngày {vn_format.short_date(start)} đến ngày {vn_format.short_date(end)}"


def statistics_paragraph(stats: Statistics) -> str:
    """The report's paragraph on dossiers, e.g. "Tổng số hồ sơ TTHC đã tiếp nhận trong năm 2023: 1.823
    (trực tuyến: 1.810; trực tiếp 13). Số lượng hồ sơ đã giải quyết: 1.819; …". "Trực tiếp" counts the
    direct and postal dossiers; percentages are shares of the resolved dossiers."""
    t = stats.totals
    n = vn_format.group_thousands
    by_field = sorted(
        ((name, row.resolved_total) for name, row in stats.by_field.items() if row.resolved_total),
        key=lambda item: (-item[1], item[0]),
    )
    fields = "; ".join(f"{short_field_name(name)} {n(count)}" for name, count in by_field)
    late = f"quá hạn: {n(t.resolved_late)} hồ sơ"
    if t.resolved_late:
        late += f", bằng {_share(t.resolved_late, t.resolved_total)}"
    overdue = (
        f"quá hạn: {n(t.in_progress_overdue)} hồ sơ" if t.in_progress_overdue else "không có hồ sơ quá hạn"
    )
    return (
        f"Tổng số hồ sơ TTHC đã tiếp nhận {period_phrase(stats.period_from, stats.period_to)}: "
        f"{n(t.received_in_period)} "
        f"(trực tuyến: {n(t.received_online)}; trực tiếp {n(t.received_direct_postal)}). "
        f"Số lượng hồ sơ đã giải quyết: {n(t.resolved_total)}; trong đó, giải quyết trước hạn: "
        f"{n(t.resolved_early)} hồ sơ, đạt {_share(t.resolved_early, t.resolved_total)}, "
        f"đúng hạn {n(t.resolved_on_time)} hồ sơ, bằng {_share(t.resolved_on_time, t.resolved_total)}"
        + (f" ({fields})" if fields else "")
        + f"; {late}; "
        f"Số lượng hồ sơ đang giải quyết: {n(t.in_progress_total)} hồ sơ; trong đó, trong hạn: "
        f"{n(t.in_progress_within)} hồ sơ, {overdue}."
    )


# The template's sentence on digitised papers, when the template has none (report_template): the
# placeholders are those of `digitisation_values`.
DIGITISATION_WORDING = (
    "Số hóa hồ sơ {period}: {digitised_full}/{received} hồ sơ tiếp nhận được số hóa đầy đủ thành phần "
    "hồ sơ (đạt {digitised_rate}%), {digitised_partial} hồ sơ số hóa một phần, {digitised_none} hồ sơ "
    "chưa số hóa."
)
NO_DOSSIERS_DIGITISED = "Số hóa hồ sơ {period}: không có hồ sơ tiếp nhận."


def digitisation_values(stats: Statistics) -> dict[str, str]:
    """The text of each placeholder of the sentence on digitised papers: "{digitised_rate}" is "33,3"
    (the template writes the "%")."""
    d, n = stats.digitisation, vn_format.group_thousands
    return {
        "{period}": period_phrase(stats.period_from, stats.period_to),
        "{received}": n(d.received),
        "{digitised_full}": n(d.full),
        "{digitised_partial}": n(d.partial),
        "{digitised_none}": n(d.none),
        "{digitised_rate}": vn_format.percent(digitised_rate(d), 1).removesuffix("%"),
    }


def digitisation_paragraph(stats: Statistics, wording: str = DIGITISATION_WORDING) -> str:
    """The template's sentence on digitised papers with the period's figures, e.g. "Số hóa hồ sơ trong
    năm 2026: 2/6 hồ sơ tiếp nhận được số hóa đầy đủ thành phần hồ sơ (đạt 33,3%), …"; a period without
    any received dossier says so instead."""
    values = digitisation_values(stats)
    if stats.digitisation.received == 0:
        return NO_DOSSIERS_DIGITISED.format(period=values["{period}"])
    for placeholder, value in values.items():
        wording = wording.replace(placeholder, value)
    return wording


def payment_paragraph(stats: Statistics) -> str:
    """ "Tỉ lệ thanh toán trực tuyến từ ngày 01/01/2023 đến ngày 31/12/2023: đạt 54,21%." """
    period = (
        f"Tỉ lệ thanh toán trực tuyến từ ngày {vn_format.short_date(stats.period_from)} "
        f"đến ngày {vn_format.short_date(stats.period_to)}"
    )
    if not stats.totals.fee_dossiers:
        return f"{period}: không có hồ sơ phải nộp phí, lệ phí."
    return f"{period}: đạt {vn_format.percent(stats.totals.online_payment_rate, 2)}."


# ------------------------------------------------------------------ the dossiers behind a number
_PARTS_OF_COLUMN = {
    "received_online": (statistics_queries.RECEIVED,),
    "received_direct_postal": (statistics_queries.RECEIVED,),
    "fee_dossiers": (statistics_queries.RECEIVED,),
    "paid_online": (statistics_queries.RECEIVED,),
    "carried_over": (statistics_queries.CARRIED_RESOLVED, statistics_queries.CARRIED_OPEN),
}


def dossiers_for_cell(
    ws: Workspace,
    stats_period: tuple[date, date],
    field: str | None,
    column: str,
    now: datetime | None = None,
    rule: TimelinessRule | None = None,
) -> list[str]:
    """Codes of the dossiers counted in one cell: `field` None for the total row, `column` a name of
    `FieldStats`. Pass the `now` and rule the table was computed with to get the same dossiers."""
    if column not in COLUMNS:
        raise InvalidInputError(f"Không có cột “{column}” trong biểu thống kê.")
    date_from, date_to = stats_period
    _check_period(date_from, date_to)
    rule = _rule(ws, rule)
    period = report_period(date_from, date_to, _now(now))
    parts = _PARTS_OF_COLUMN.get(column, statistics_queries.PARTS)
    calendar = ws.calendar
    with ws.db.read() as tx:
        candidates = statistics_queries.dossier_facts(tx, period.start, period.end, field, parts)
    return [code for code, facts in candidates if column in columns_of(facts, period, calendar, rule)]


def facts_in_database(ws: Workspace) -> list[tuple[str, DossierFacts]]:
    """Every dossier as the statistics read it, with its supplement events (for checks and tests)."""
    with ws.db.read() as tx:
        return statistics_queries.dossier_facts(tx)
