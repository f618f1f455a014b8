"""The applicant's date of birth: typed as dd/mm/yyyy like every date of the app, filled by the ID card,
and optional (an empty field is no date, not an error)."""

from __future__ import annotations

from datetime import date

from cchc_desktop.ui.date_fields import BLANK, DateField

# Whether a birth date is plausible (not in the future, not before 1900) is `domain.intake`'s rule, with
# its own message; the field itself refuses only what is not a day (31/02, unfinished).
_ANY_DAY = (date.min, date.max)


def _blank(text: str) -> bool:
    return not any(character.isdigit() for character in text.replace(BLANK, ""))


class BirthDateField(DateField):
    """`day()` is the typed day, or None while the field is empty or its text is not a day (`error()`)."""

    def __init__(self) -> None:
        super().__init__(date(2000, 1, 1), minimum=_ANY_DAY[0], maximum=_ANY_DAY[1], calendar_popup=False)
        self.setObjectName("applicant_birth_date")
        self.clear()

    def _read(self, text: str) -> date | str:
        if _blank(text):
            return self._value  # nothing typed: no error, and `day()` says None
        return super()._read(text)

    def is_blank(self) -> bool:
        return _blank(self.displayText())

    def day(self) -> date | None:
        return None if self.is_blank() or self.error() else self.value()

    def set_day(self, day: date | None) -> None:
        if day is None:
            self.clear()
        else:
            self.setValue(day)
