"""Hệ thống → Danh mục thủ tục: the catalogue as it stands on a day, searched without diacritics and
filtered by field and state, with the actions that change it (add, edit, a new version from a date,
retire, import a published list) and export.

Reading is open to everyone; the changes need `Permission.CATALOGUE`, and their buttons say why they are
disabled. `changed` tells the main window to refresh what intake offers once the window is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.procedures import ProcedureState
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.vn_format import group_thousands, short_date
from cchc_desktop.services import catalogue
from cchc_desktop.services.catalogue import CatalogueEntry
from cchc_desktop.services.catalogue_file import write_catalogue_file
from cchc_desktop.services.catalogue_import import ImportPlan, plan_import
from cchc_desktop.services.permissions import refusal_for
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.catalogue import strings
from cchc_desktop.ui.catalogue.date_prompt import DatePrompt
from cchc_desktop.ui.catalogue.entries_model import CODE, FIELD, NAME, STATE, TIME, EntriesModel
from cchc_desktop.ui.catalogue.import_preview import ImportPreviewDialog, error_text
from cchc_desktop.ui.catalogue.procedure_form import FormMode, ProcedureDialog
from cchc_desktop.ui.catalogue.versions_dialog import VersionsDialog
from cchc_desktop.ui.date_fields import DateField, with_message
from cchc_desktop.ui.dialogs.buttons import action_button
from cchc_desktop.ui.dialogs.import_dialog import OpenFileChooser, documents_folder, open_file_name
from cchc_desktop.ui.dialogs.register_dialog import FileChooser, save_file_name
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.icons import icon
from cchc_desktop.ui.list_tables import make_row_picker
from cchc_desktop.ui.slow_ops import slow_op

Clock = Callable[[], datetime]
FILE_SUFFIXES = (".xlsx", ".csv")


class _EntriesTable(QTableView):
    """Enter opens the current procedure and stops there (passed on, the window would press the default
    button of the form it just opened)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class CatalogueWindow(TaskDialog):
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        clock: Clock = datetime.now,
        choose_open: OpenFileChooser = open_file_name,
        choose_save: FileChooser = save_file_name,
    ) -> None:
        super().__init__(strings.TITLE, "catalogueMessage", parent)
        self.ws = workspace
        self.clock = clock
        self.choose_open = choose_open
        self.choose_save = choose_save
        self.changed = False  # the catalogue was written: intake must read it again
        self.last_folder: Path | None = None

        self.view_day = DateField(clock().date())
        self.view_day.setObjectName("viewDay")
        self.view_day.setToolTip(strings.VIEW_DAY_TIP)
        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(strings.SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.field_filter = QComboBox()
        self.field_filter.setObjectName("fieldFilter")
        self.field_filter.setToolTip(strings.FIELD_FILTER_TIP)
        self.field_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setToolTip(strings.STATE_FILTER_TIP)
        self.state_filter.addItem(strings.ALL_STATES, "")
        for state in ProcedureState:
            self.state_filter.addItem(state.label, state.value)  # a StrEnum comes back as str
        self.count = QLabel()
        self.count.setObjectName("catalogueCount")

        self.model = EntriesModel(self)
        self.table = _EntriesTable()
        self.table.setObjectName("catalogueTable")
        self.table.setModel(self.model)
        make_row_picker(self.table)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.open_current())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

        self.add_button = action_button(strings.ADD, strings.ADD_TIP, "add", self.add)
        self.edit_button = action_button(strings.EDIT, strings.EDIT_TIP, "edit", self.edit)
        self.version_button = action_button(
            strings.NEW_VERSION, strings.NEW_VERSION_TIP, "new", self.new_version
        )
        self.retire_button = action_button(strings.RETIRE, strings.RETIRE_TIP, "refuse", self.retire)
        self.history_button = action_button(strings.HISTORY, strings.HISTORY_TIP, "register", self.history)
        self.import_button = action_button(strings.IMPORT, strings.IMPORT_TIP, "open", self.start_import)
        self.export_button = action_button(strings.EXPORT, strings.EXPORT_TIP, "excel", self.export)
        self._gated: list[tuple[QPushButton, str, bool]] = [  # button, own tooltip, needs a selection
            (self.add_button, strings.ADD_TIP, False),
            (self.edit_button, strings.EDIT_TIP, True),
            (self.version_button, strings.NEW_VERSION_TIP, True),
            (self.retire_button, strings.RETIRE_TIP, True),
            (self.import_button, strings.IMPORT_TIP, False),
        ]

        filters = QGridLayout()
        day_label = QLabel(strings.VIEW_DAY)
        day_label.setBuddy(self.view_day)
        search_label = QLabel(strings.SEARCH)
        search_label.setBuddy(self.search)
        filters.addWidget(search_label, 0, 0)
        filters.addWidget(self.search, 0, 1)
        filters.addWidget(self.field_filter, 0, 2)
        filters.addWidget(self.state_filter, 0, 3)
        filters.addWidget(day_label, 0, 4)
        filters.addWidget(with_message(self.view_day), 0, 5)
        filters.setColumnStretch(1, 1)
        actions = QHBoxLayout()
        for button in (
            self.add_button, self.edit_button, self.version_button, self.retire_button, self.history_button,
        ):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row(self.import_button, self.export_button, STRETCH))

        self.search.textChanged.connect(self._filter)
        self.field_filter.currentIndexChanged.connect(self._filter)
        self.state_filter.currentIndexChanged.connect(self._filter)
        self.view_day.value_changed.connect(lambda _day: self.reload())
        self.resize(1200, 680)
        self.reload()
        self._fit_columns()
        self.apply_permissions()
        self.search.setFocus()

    # ------------------------------------------------------------------ the list
    @property
    def day(self) -> date:
        return self.view_day.value()

    def reload(self, select: str | None = None) -> None:
        """Read the catalogue for the viewed day; `select` (a code) or the one selected stays selected."""
        chosen = select or (entry.procedure.code if (entry := self.current) else None)
        try:
            with slow_op("catalogue list"):
                entries = catalogue.catalogue_entries(self.ws.db, self.day)
                fields = catalogue.fields_in_use(self.ws.db)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return
        self._set_fields(fields)
        self.model.set_entries(entries)
        self._filter()
        if chosen:
            self.select(chosen)

    def _set_fields(self, fields: list[str]) -> None:
        shown = self.field_filter.currentData()
        self.field_filter.blockSignals(True)
        self.field_filter.clear()
        self.field_filter.addItem(strings.ALL_FIELDS, "")
        for field in fields:
            self.field_filter.addItem(field, field)
        index = self.field_filter.findData(shown) if shown else 0
        self.field_filter.setCurrentIndex(max(index, 0))
        self.field_filter.blockSignals(False)

    def _filter(self) -> None:
        chosen = entry.procedure.code if (entry := self.current) else None
        state = self.state_filter.currentData()
        self.model.set_filter(
            self.search.text(),
            self.field_filter.currentData() or "",
            ProcedureState(state) if state else None,
        )
        shown, total = len(self.model.rows), len(self.model.all)
        count = (strings.COUNT if shown == total else strings.COUNT_OF).format(
            shown=group_thousands(shown), total=group_thousands(total)
        )
        needs_time = sum(1 for e in self.model.rows if e.state is ProcedureState.NEEDS_TIME)
        if needs_time:
            count += strings.COUNT_NEEDS_TIME.format(count=group_thousands(needs_time))
        self.count.setText(count)
        if (not chosen or not self.select(chosen)) and self.model.rows:
            self.table.selectRow(0)
        self._selection_changed()

    def select(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, CODE))
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, CODE))
        return True

    def _fit_columns(self) -> None:
        for column in (CODE, FIELD, TIME, STATE):
            self.table.resizeColumnToContents(column)

    @property
    def current(self) -> CatalogueEntry | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        if not rows or not 0 <= rows[0].row() < len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def row_texts(self) -> list[tuple[str, ...]]:
        """The list as shown, row by row."""
        return [
            tuple(self.model.text(row, column) for column in range(self.model.columnCount()))
            for row in range(self.model.rowCount())
        ]

    # ------------------------------------------------------------------ who may change it
    def refusal(self) -> str | None:
        return refusal_for(self.ws, Permission.CATALOGUE)

    def apply_permissions(self) -> None:
        self._selection_changed()

    def _selection_changed(self) -> None:
        reason = self.refusal()
        chosen = self.current is not None
        for button, tip, needs_selection in self._gated:
            button.setEnabled(reason is None and (chosen or not needs_selection))
            button.setToolTip(reason or tip)
        self.history_button.setEnabled(chosen)

    # ------------------------------------------------------------------ actions
    def _chosen(self) -> CatalogueEntry | None:
        entry = self.current
        if entry is None:
            self.show_message(strings.NONE_CHOSEN, error=True)
        return entry

    def _may_change(self) -> bool:
        reason = self.refusal()
        if reason is not None:
            self.show_message(reason, error=True)
        return reason is None

    def open_current(self) -> QWidget | None:
        """Enter or a double click: the form when the user may edit, else the versions."""
        return self.edit() if self.refusal() is None else self.history()

    def _open_form(self, mode: FormMode, entry: CatalogueEntry | None) -> ProcedureDialog | None:
        if not self._may_change():
            return None
        try:
            fields = catalogue.fields_in_use(self.ws.db)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return None
        form = ProcedureDialog(
            self.ws,
            mode,
            entry.procedure if entry else None,
            fields_in_use=fields,
            taken_codes=frozenset(e.procedure.code for e in self.model.all),
            clock=self.clock,
            parent=self,
        )
        form.accepted.connect(lambda: self._saved(form))
        form.open()
        return form

    def add(self) -> ProcedureDialog | None:
        return self._open_form(FormMode.ADD, None)

    def edit(self) -> ProcedureDialog | None:
        entry = self._chosen()
        return None if entry is None else self._open_form(FormMode.EDIT, entry)

    def new_version(self) -> ProcedureDialog | None:
        entry = self._chosen()
        return None if entry is None else self._open_form(FormMode.NEW_VERSION, entry)

    def _saved(self, form: ProcedureDialog) -> None:
        assert form.saved is not None
        self.changed = True
        self.reload(form.saved.code)
        self.show_message(
            strings.SAVED.format(code=form.saved.code, day=short_date(form.saved.effective_from))
        )
        self.table.setFocus()

    def retire(self) -> DatePrompt | None:
        entry = self._chosen()
        if entry is None or not self._may_change():
            return None
        code = entry.procedure.code
        if entry.state is ProcedureState.RETIRED:
            self.show_message(strings.ALREADY_RETIRED.format(code=code), error=True)
            return None
        prompt = DatePrompt(
            strings.RETIRE_TITLE.format(code=code),
            entry.procedure.name,
            self.clock().date(),
            strings.RETIRE_BUTTON,
            question=lambda day: strings.RETIRE_QUESTION.format(code=code, day=day),
            parent=self,
        )
        prompt.accepted.connect(lambda: self._retire(code, prompt.value()))
        prompt.open()
        return prompt

    def _retire(self, code: str, day: date) -> None:
        try:
            with slow_op("procedure retire", threshold_ms=500):
                catalogue.retire_procedure(self.ws, code, day)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return
        self.changed = True
        self.reload(code)
        self.show_message(strings.RETIRED.format(code=code, day=short_date(day)))

    def history(self) -> VersionsDialog | None:
        entry = self._chosen()
        if entry is None:
            return None
        code = entry.procedure.code
        try:
            versions = catalogue.versions_of(self.ws.db, code)
        except UserFacingError as error:
            self.show_message(error.message, error=True)
            return None
        dialog = VersionsDialog(code, versions, self)
        dialog.open()
        return dialog

    # ------------------------------------------------------------------ import and export
    def _folder(self) -> str:
        return str(self.last_folder or documents_folder())

    def start_import(self) -> DatePrompt | None:
        """Pick the file, then the date it applies from; the file is read in the background."""
        if self.busy or not self._may_change():
            return None
        chosen = self.choose_open(self, strings.OPEN_TITLE, self._folder(), strings.OPEN_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        self.last_folder = path.parent
        prompt = DatePrompt(
            strings.IMPORT_DATE_TITLE,
            strings.IMPORT_DATE_TEXT.format(name=path.name),
            self.clock().date(),
            strings.PREVIEW,
            parent=self,
        )
        prompt.accepted.connect(lambda: self.plan(path, prompt.value()))
        prompt.open()
        return prompt

    def plan(self, path: Path, day: date) -> None:
        """Compare the file with the catalogue on `day` off the GUI thread, then show the preview."""
        if self.busy:
            return
        ws = self.ws
        self.progress.show()
        self.import_button.setEnabled(False)
        self.show_message(strings.READING)
        self.runner.submit(
            f"catalogue plan {path.name}",
            lambda: plan_import(ws, path, day),
            self._planned,
            self._plan_failed,
        )

    def _planned(self, result: object) -> None:
        assert isinstance(result, ImportPlan)
        self.progress.hide()
        self._selection_changed()
        self.show_message("")
        preview = ImportPreviewDialog(self.ws, result, self)
        preview.written.connect(lambda: self._imported(preview))
        preview.open()

    def _plan_failed(self, error: Exception) -> None:
        self.progress.hide()
        self._selection_changed()
        self.show_message(strings.FAILED.format(message=error_text(error)), error=True)

    def _imported(self, preview: ImportPreviewDialog) -> None:
        self.changed = True
        self.reload()
        self.show_message(preview.last_message)

    def export(self) -> Path | None:
        """The list in force on the viewed day, as .xlsx (default) or .csv."""
        suggested = str(Path(self._folder()) / strings.EXPORT_NAME.format(day=self.day))
        chosen = self.choose_save(self, strings.SAVE_TITLE, suggested, strings.SAVE_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in FILE_SUFFIXES:
            path = path.with_name(path.name + FILE_SUFFIXES[0])
        self.last_folder = path.parent
        try:
            with slow_op("catalogue export", threshold_ms=500):
                procedures = catalogue.catalogue_for_export(self.ws.db, self.day)
                written = write_catalogue_file(path, procedures)
        except UserFacingError as error:
            self.show_message(strings.FAILED.format(message=error.message), error=True)
            return None
        except OSError as error:
            self.show_message(strings.FAILED.format(message=error.strerror or str(error)), error=True)
            return None
        self.show_message(strings.EXPORTED.format(count=group_thousands(len(procedures)), path=written))
        return written

    def reject(self) -> None:
        if self.busy:
            self.show_message(strings.WAIT_READING, error=True)
            return
        super().reject()
