"""How the dossier came in and goes back, when it was received and is due, and the fee."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from cchc_desktop.domain.dossiers import (
    CHANNEL_LABELS,
    RESULT_DELIVERY_LABELS,
    Channel,
    PaymentMethod,
    ResultDelivery,
)
from cchc_desktop.domain.procedures import Procedure
from cchc_desktop.ui.date_fields import DateTimeField
from cchc_desktop.ui.intake import strings
from cchc_desktop.ui.intake.field_errors import FieldErrors, add_field

Clock = Callable[[], datetime]
CLOCK_TICK_MS = 5_000
MAX_FEE = 100_000_000
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def to_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _combo(choices: dict[str, str], object_name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(object_name)
    for value, label in choices.items():
        combo.addItem(label, value)
    return combo


class ReceiptTimeEdit(DateTimeField):
    """The receipt time: follows the clock (to the minute) until the clerk types another time.

    Typed as dd/mm/yyyy hh:mm and taken exactly (2000-2099, see `date_fields`); an impossible or
    incomplete time is reported by `error()`, which the form shows under the field and which stops a save.
    """

    moment_changed = Signal()
    ticked = Signal()  # every few seconds, so "more than 30 minutes ago" is seen as time passes

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(to_minute(clock()), parent, calendar_popup=False)
        self.clock = clock
        self.following = True
        self._setting = False
        self.setToolTip(strings.RECEIVED_AT_TIP)
        self.setObjectName("received_at")
        self.value_changed.connect(self._changed)
        self.user_edited.connect(self._typed)
        self._timer = QTimer(self)
        self._timer.setInterval(CLOCK_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self.follow_clock()

    def moment(self) -> datetime:
        """The last good time typed (or followed); `error()` says when the text is not one."""
        return self.value()

    def set_moment(self, moment: datetime) -> None:
        """Another receipt time, as if typed: the field stops following the clock."""
        self.following = False
        self._show(moment)

    def _show(self, moment: datetime) -> None:
        self._setting = True
        try:
            self.setValue(moment)
        finally:
            self._setting = False
        self.moment_changed.emit()

    def follow_clock(self) -> None:
        self.following = True
        self._show(to_minute(self.clock()))

    def _tick(self) -> None:
        if self.following and not self.hasFocus() and self.moment() != to_minute(self.clock()):
            self._show(to_minute(self.clock()))
        self.ticked.emit()

    def _changed(self) -> None:
        if not self._setting:
            self.following = False
            self.moment_changed.emit()

    def _typed(self) -> None:
        """Any typing stops following the clock, even before the text is a good time."""
        if self.following:
            self.following = False
            self.moment_changed.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.following:
            self._show(to_minute(self.clock()))
        super().focusInEvent(event)


class ReceiptSection(QGroupBox):
    """Channel, result delivery, receipt time (with the back-entry reason) and the live due date."""

    def __init__(self, clock: Clock, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(strings.GROUP_RECEIPT, parent)
        self.channel = _combo(dict(CHANNEL_LABELS.items()), "channel")
        self.delivery = _combo(dict(RESULT_DELIVERY_LABELS.items()), "result_delivery")
        self.received_at = ReceiptTimeEdit(clock)
        self.now_button = QToolButton()
        self.now_button.setText(strings.ACTION_NOW)
        self.now_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.now_button.setToolTip(
            strings.TIP_WITH_SHORTCUT.format(tip=strings.ACTION_NOW_TIP, shortcut="Ctrl+T")
        )
        self.now_button.setShortcut("Ctrl+T")
        self.now_button.clicked.connect(self.received_at.follow_clock)
        self.following_label = QLabel(strings.FOLLOWING_CLOCK)
        self.following_label.setObjectName("followingClock")
        self.back_entry = QLineEdit()
        self.back_entry.setObjectName("back_entry_reason")
        self.back_entry.setPlaceholderText(strings.BACK_ENTRY_PLACEHOLDER)
        self.due = QLabel(strings.DUE_NO_PROCEDURE)
        self.due.setObjectName("dueDate")
        self.due.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.due_detail = QLabel()
        self.due_detail.setObjectName("dueDetail")
        self.due_detail.setWordWrap(True)

        time_row = QWidget()
        row = QHBoxLayout(time_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.received_at)
        row.addWidget(self.now_button)
        row.addWidget(self.following_label)
        row.addStretch()
        time_row.setFocusProxy(self.received_at)
        self.back_entry_holder = errors.wrap("back_entry_reason", self.back_entry)

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        add_field(grid, 0, 0, strings.CHANNEL_LABEL, self.channel, self.channel)
        add_field(grid, 0, 2, strings.DELIVERY_LABEL, self.delivery, self.delivery)
        add_field(
            grid,
            1,
            0,
            strings.RECEIVED_AT_LABEL,
            self.received_at,
            errors.wrap("received_at", time_row, marked=self.received_at),
            3,
        )
        self.back_entry_label = add_field(
            grid, 2, 0, strings.BACK_ENTRY_LABEL, self.back_entry, self.back_entry_holder, 3
        )
        grid.addWidget(self.due, 3, 0, 1, 4)
        grid.addWidget(self.due_detail, 4, 0, 1, 4)
        self.received_at.moment_changed.connect(self._show_following)
        self._show_following()

    def fields(self) -> list[QWidget]:
        return [self.channel, self.delivery, self.received_at, self.back_entry]

    def typing_errors(self) -> dict[str, str]:
        """The receipt time typed but not a good time (31/02, 25:00, unfinished): it stops a save too."""
        error = self.received_at.error()
        return {"received_at": error} if error else {}

    def _show_following(self) -> None:
        self.following_label.setVisible(self.received_at.following)

    def show_back_entry(self, needed: bool) -> None:
        self.back_entry_label.setVisible(needed)
        self.back_entry_holder.setVisible(needed)

    def channel_value(self) -> Channel:
        return Channel(self.channel.currentData())

    def delivery_value(self) -> ResultDelivery:
        return ResultDelivery(self.delivery.currentData())

    def clear(self) -> None:
        self.channel.setCurrentIndex(0)
        self.delivery.setCurrentIndex(0)
        self.back_entry.clear()
        self.received_at.follow_clock()


class FeeSection(QGroupBox):
    """The fee of the procedure (editable), an exemption with its reason, and how it is paid."""

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(strings.GROUP_FEE, parent)
        self.amount = QSpinBox()
        self.amount.setObjectName("fee_amount")
        self.amount.setLocale(VIETNAMESE)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setRange(0, MAX_FEE)
        self.amount.setSingleStep(1000)
        self.amount.setSuffix(strings.FEE_SUFFIX)
        self.fee_text = QLabel()
        self.fee_text.setObjectName("feeText")
        self.fee_text.setWordWrap(True)
        self.exempt = QCheckBox(strings.FEE_EXEMPT)
        self.exempt.setObjectName("fee_exempt")
        self.exempt_reason = QLineEdit()
        self.exempt_reason.setObjectName("fee_exempt_reason")
        self.exempt_reason.setPlaceholderText(strings.FEE_EXEMPT_REASON_PLACEHOLDER)
        self.payment = _combo(
            {m.value: label for m, label in strings.PAYMENT_CHOICES.items()}, "payment_method"
        )
        # How the clerk's last fee was paid (the tab remembers it per clerk); chosen when a fee is due.
        self.preferred_payment: Callable[[], PaymentMethod] = lambda: PaymentMethod.NONE

        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.amount.setMinimumWidth(150)
        amount_row = QWidget()
        row = QHBoxLayout(amount_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount)
        row.addWidget(self.fee_text, 1)
        amount_row.setFocusProxy(self.amount)
        add_field(grid, 0, 0, strings.FEE_LABEL, self.amount, errors.wrap("fee_amount", amount_row), 3)
        add_field(
            grid, 1, 0, strings.PAYMENT_LABEL, self.payment, errors.wrap("payment_method", self.payment)
        )
        self.exempt.setMinimumHeight(self.exempt_reason.sizeHint().height())
        grid.addWidget(self.exempt, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(errors.wrap("fee_exempt_reason", self.exempt_reason), 2, 1, 1, 3)
        self.exempt.toggled.connect(self._update_enabled)
        self.amount.valueChanged.connect(self._update_enabled)
        self._update_enabled()

    def fields(self) -> list[QWidget]:
        return [self.amount, self.payment, self.exempt, self.exempt_reason]

    def set_procedure(self, procedure: Procedure | None) -> None:
        self.amount.setValue(procedure.fee_amount if procedure else 0)
        self.fee_text.setText(procedure.fee_text if procedure else "")
        due = procedure is not None and procedure.fee_amount > 0
        self.payment.setCurrentIndex(
            max(self.payment.findData(self.preferred_payment().value), 0) if due else 0
        )

    def _update_enabled(self) -> None:
        exempt = self.exempt.isChecked()
        self.exempt_reason.setEnabled(exempt)
        self.amount.setEnabled(not exempt)
        self.payment.setEnabled(not exempt and self.amount.value() > 0)

    def payment_value(self) -> PaymentMethod:
        if not self.payment.isEnabled():
            return PaymentMethod.NONE
        return PaymentMethod(self.payment.currentData())

    def clear(self) -> None:
        self.exempt.setChecked(False)
        self.exempt_reason.clear()
        self.set_procedure(None)
