"""The administrator changes the catalogue at another counter (or from the command line): this counter's
intake offers the new list after the change notice, without a restart, and keeps what the clerk typed."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.services import catalogue
from cchc_desktop.services.workspace import Workspace, open_workspace
from cchc_desktop.ui.main_window import MainWindow
from tests.ui.keyboard import type_text
from tests.ui.test_intake_support import prepare

NOW = datetime(2026, 3, 2, 9, 0)


def test_a_procedure_retired_or_added_elsewhere_is_offered_after_the_notice(
    qtbot, main_window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path, NOW)
    tab.form.reload_catalogue()  # as the day of the clock
    type_text(tab.form.applicant.name, "Nguyễn Văn Tư")
    assert "2.000908" in [p.code for p in tab.form.picker._procedures]

    other = open_workspace(resolve_paths(str(workspace.db.path)))  # the administrator's counter
    try:
        catalogue.retire_procedure(other, "2.000908", date(2026, 3, 1))
        template = catalogue.procedure_for(other.db, "1.004873", date(2026, 3, 1))
        religion = dataclasses.replace(
            template, code="DP-TG-01", name="Thông báo hoạt động tôn giáo", field="Tôn giáo",
            duration=Duration(DurationUnit.WORKING_DAYS, 20),
        )  # fmt: skip
        catalogue.save_procedure(other, religion, date(2026, 3, 1))
    finally:
        other.close()
    main_window.live_board.changed.emit()  # the change notice, as the live board delivers it

    qtbot.waitUntil(lambda: "DP-TG-01" in [p.code for p in tab.form.picker._procedures], timeout=5_000)
    assert "2.000908" not in [p.code for p in tab.form.picker._procedures]
    assert [p.field for p in tab.form.picker._procedures if p.code == "DP-TG-01"] == ["Tôn giáo"]
    assert tab.form.applicant.name.text() == "Nguyễn Văn Tư"  # the clerk's typing stays


def test_a_change_elsewhere_that_is_not_the_catalogue_does_not_read_the_list_again(
    qtbot, main_window: MainWindow, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    tab = prepare(main_window, tmp_path, NOW)
    tab.form.reload_catalogue()
    reads: list[date] = []
    real = catalogue.procedures_in_force
    monkeypatch.setattr(catalogue, "procedures_in_force", lambda db, day: reads.append(day) or real(db, day))

    main_window.live_board.changed.emit()  # a dossier saved at another counter
    qtbot.waitUntil(lambda: not tab.runner.busy, timeout=5_000)
    assert reads == []

    tab.set_clock(lambda: datetime(2026, 3, 3, 7, 30))  # the next morning, the window left open
    main_window.live_board.changed.emit()
    qtbot.waitUntil(lambda: reads == [date(2026, 3, 3)], timeout=5_000)
