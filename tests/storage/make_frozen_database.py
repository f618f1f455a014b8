"""Write a database file at a given schema revision, with a few rows, for the migration tests.

Run once per revision when it is released, then never change the file again:
    python tests/storage/make_frozen_database.py 0001 tests/storage/data/rev_0001.sqlite3
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from cchc_desktop.storage.engine import make_engine
from cchc_desktop.storage.migrate import upgrade_to

ROWS_0001 = [
    "INSERT INTO setting (key, value) VALUES ('commune_name', '\"Đại Hợp\"'), ('seeded', 'true')",
    "INSERT INTO procedure (id, code, name, field_name, duration_unit, duration_value, cutoff, max_extension_days,"
    " fee_amount, fee_text, resolving_body, effective_from, active) VALUES (1, '1.004873',"
    " 'Cấp Giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', 'working_days', 3, '15:00', 0, 0, '', 'UBND xã',"
    " '2025-07-01', 1)",
    "INSERT INTO dossier (id, code, procedure_id, procedure_code, procedure_name, field_name, applicant_name,"
    " applicant_name_folded, applicant_id_number, applicant_phone, applicant_email, applicant_address,"
    " submitter_name, submitter_id_number, submitter_phone, submitter_address, authorisation_document, channel,"
    " result_delivery, set_count, documents_json, received_at, due_at, original_due_at, appointment_at, status,"
    " status_at, fee_amount, fee_exempt, fee_exempt_reason, payment_method, register_volume, register_row,"
    " resolving_body, current_holder, note, imported) VALUES (1, '000.00.00.H00-260105-0001', 1, '1.004873',"
    " 'Cấp Giấy xác nhận tình trạng hôn nhân', 'Hộ tịch', 'Nguyễn Thị Hoa', 'nguyen thi hoa', '030185001234',"
    " '0912345678', '', 'Thôn Đông, xã Đại Hợp', '', '', '', '', '', 'direct', 'counter', 1, '[]',"
    " '2026-01-05 10:00:00.000000', '2026-01-08 10:00:00.000000', '2026-01-08 10:00:00.000000',"
    " '2026-01-08 10:00:00.000000', 'received', '2026-01-05 10:00:00.000000', 0, 0, '', 'none', '2026', 1,"
    " 'UBND xã', '', '', 0)",
    "INSERT INTO dossier_event (dossier_id, at, kind, actor, giver, taker, note, data_json) VALUES"
    " (1, '2026-01-05 10:00:00.000000', 'received', 'Lê Văn Tâm', '', '', '', '{}')",
]

# 0003: the counter on the dossier and its events, and the dossier's version.
ROWS_0003 = [
    *ROWS_0001,
    "UPDATE dossier SET counter = 'Quầy 1 – Hộ tịch', version = 1",
    "UPDATE dossier_event SET counter = 'Quầy 1 – Hộ tịch'",
]

# 0005: accounts and the audit log (left empty: the app writes the baseline entries when it opens the file).
ROWS_0005 = [
    *ROWS_0003,
    "UPDATE dossier SET assignee = ''",
    "UPDATE dossier_event SET recorded_by = ''",
]

# 0006: the published texts of a procedure version.
ROWS_0006 = [
    *ROWS_0005,
    "UPDATE procedure SET duration_text = '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ',"
    " result_text = 'Giấy xác nhận tình trạng hôn nhân', legal_basis = 'Luật Hộ tịch năm 2014'",
]


def main(revision: str, target: Path) -> None:
    target.unlink(missing_ok=True)
    engine = make_engine(target)
    upgrade_to(engine, revision)
    engine.dispose()
    with sqlite3.connect(target) as connection:
        rows = {
            "0001": ROWS_0001,
            "0002": ROWS_0001,
            "0003": ROWS_0003,
            "0004": ROWS_0003,
            "0005": ROWS_0005,
            "0006": ROWS_0006,
            "0007": ROWS_0006,
        }
        for statement in rows[revision]:
            connection.execute(statement)
    connection.close()
    with sqlite3.connect(target) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
