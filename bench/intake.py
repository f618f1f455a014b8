"""Intake speed on a 200,000-dossier database: save one dossier (service layer) and render its receipt.

python -m bench.intake            # median over 60 intakes
python -m bench.intake --engine postgresql    # the same on the local PostgreSQL server (bench/postgres.py)
python -m bench.intake --profile imported    # on the history imported from the online system
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bench.common import (
    BIG_DATABASES,
    ENGINES,
    data_profile,
    database_copy,
    engine_server,
    machine,
    median_ms,
)
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.domain.dossiers import Channel
from cchc_desktop.domain.intake import IntakeRequest, ReceivedItem
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.printing import PrintedForm, prepare_print
from cchc_desktop.services.workspace import open_workspace

if TYPE_CHECKING:
    from bench.postgres import BenchServer


def run(repeats: int = 60, server: BenchServer | None = None) -> dict[str, float]:
    with database_copy(server) as database:
        return _measure(database, repeats)


def _measure(database: str, repeats: int) -> dict[str, float]:
    workspace = open_workspace(resolve_paths(database))
    now = datetime.now().replace(second=0, microsecond=0)
    counter = iter(range(10**6))
    prepare_print(
        workspace, save_intake(workspace, _request(now, 0), now=now).record.code, PrintedForm.RECEIPT
    )

    def save() -> str:
        return save_intake(workspace, _request(now, next(counter)), now=now).record.code

    codes: list[str] = []
    save_ms, _ = median_ms(lambda: codes.append(save()), repeats)
    receipt_ms, _ = median_ms(lambda: prepare_print(workspace, codes[-1], PrintedForm.RECEIPT), repeats)
    both_ms, _ = median_ms(lambda: prepare_print(workspace, save(), PrintedForm.RECEIPT), repeats)
    workspace.close()
    return {"intake_save_ms": save_ms, "receipt_pdf_ms": receipt_ms, "intake_save_and_receipt_ms": both_ms}


def _request(now: datetime, index: int) -> IntakeRequest:
    return IntakeRequest(
        procedure_code="2.000815",
        applicant_name=f"Nguyễn Thị Benchmark {index}",
        applicant_id_number="030185001234",
        applicant_phone="0912345678",
        applicant_address="Thôn Đông, xã Đại Hợp",
        received_at=now - timedelta(minutes=1),
        documents=(ReceivedItem("Bản chính giấy tờ cần chứng thực", "bản chính", 2),),
        channel=Channel.DIRECT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=60)
    parser.add_argument("--engine", choices=ENGINES, default="sqlite")
    parser.add_argument(
        "--profile", choices=list(BIG_DATABASES), default="tidy", help="data profile (bench/generate.py)"
    )
    args = parser.parse_args()
    with data_profile(args.profile), engine_server(args.engine) as server:
        results = run(args.repeats, server)
    print(f"machine: {machine()}, {args.engine}, {args.profile} profile")
    for key, value in results.items():
        print(f"{key:32} {value:8.1f} ms (median of {args.repeats})")


if __name__ == "__main__":
    main()
