"""Conversions between Qt's date/time classes and Python's."""

from datetime import date

from PySide6.QtCore import QDate


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
