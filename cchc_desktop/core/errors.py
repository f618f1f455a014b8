"""Error classes.

Two families, as the clerk sees them:
- `UserFacingError`: the environment or the input is wrong (unknown code, database from a newer version,
  disk full ...). It carries a Vietnamese message that says what to do; the app shows it, nothing crashes.
- anything else is a bug: logged with its traceback and shown in the crash dialog.
"""


class UserFacingError(Exception):
    """An error the clerk can act on; `message` is Vietnamese and says what to do."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(UserFacingError):
    """Something named by the clerk (a procedure code, a dossier code) does not exist."""

    exit_code = 2


class InvalidInputError(UserFacingError):
    """Input that fails validation; the message names the field and what to fix."""

    exit_code = 2


class DatabaseTooNewError(UserFacingError):
    """The database file was written by a newer version of the app."""

    exit_code = 3


class DatabaseLockedError(UserFacingError):
    """Another instance of the app already has this database open."""

    exit_code = 4


class PermissionDeniedError(UserFacingError):
    """The signed-in account's roles do not allow the action (or nobody is signed in)."""

    exit_code = 5
