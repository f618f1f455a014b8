"""The report's page of charts ("Kèm trang biểu đồ") in the PDF and the DOCX, on the 2023 sample's
numbers: after biểu II.06a, landscape, with the charts' titles and every figure; absent when not asked."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.documents.annual_report import render_annual_report
from cchc_desktop.documents.report_docx import render_report_docx
from cchc_desktop.documents.report_figures import figures_drawing
from cchc_desktop.documents.report_figures_data import (
    TITLE_CHANNELS,
    TITLE_MONTHS,
    TITLE_TIMELINESS,
    ReportFigures,
    months_of,
    report_figures,
)
from cchc_desktop.documents.report_figures_png import drawing_png
from cchc_desktop.domain.statistics import COLUMNS, build_statistics
from cchc_desktop.domain.timeliness import TimelinessRule
from tests.documents.test_annual_report import FIELDS, make_report
from tests.pdf_text import pages_text

TABLE = ("received_total", "received_online", "received_direct_postal", "carried_over", "resolved_total",
         "resolved_early", "resolved_on_time", "resolved_late", "in_progress_total", "in_progress_within",
         "in_progress_overdue")  # fmt: skip
PERIOD = (date(2022, 12, 15), date(2023, 12, 14))
# Received 1.823 and resolved 1.819 over the CCHC year (13 months, December twice).
RECEIVED = [17] + [150] * 11 + [156]
RESOLVED = [14] + [150] * 11 + [155]


def sample_figures(overdue: int = 0) -> ReportFigures:
    counts = {
        name: {column: value for column, value in zip(TABLE, values, strict=True)} for name, values in FIELDS
    }
    counts["Chứng thực"]["in_progress_overdue"] = overdue
    stats = build_statistics(*PERIOD, TimelinessRule.SESSION, counts)
    keys = [f"{first:%Y-%m}" for first, _ in months_of(*PERIOD)]
    assert set(COLUMNS) >= set(TABLE)
    return report_figures(
        stats,
        {
            "received": dict(zip(keys, RECEIVED, strict=True)),
            "resolved": dict(zip(keys, RESOLVED, strict=True)),
        },
    )


@pytest.fixture(scope="module")
def with_figures() -> bytes:
    return render_annual_report(make_report(figures=sample_figures(overdue=3)))


def test_the_figure_page_follows_the_appendix_with_its_titles_and_figures(with_figures: bytes) -> None:
    plain = pages_text(render_annual_report(make_report()))
    pages = pages_text(with_figures)
    assert len(pages) == len(plain) + 1
    assert "Biểu II.06a" in pages[-2]
    page = pages[-1]
    for title in (TITLE_MONTHS, TITLE_TIMELINESS, TITLE_CHANNELS, "Hồ sơ đang giải quyết quá hạn: 3"):
        assert title in page
    assert "Từ ngày 15/12/2022 đến ngày 14/12/2023" in page
    # Months: 12/22 … 12/23 with their counts; fields: resolved early 1.806 in all, of which chứng thực 1.356.
    assert "12/22" in page and "12/23" in page and "156" in page and "155" in page
    assert "1.810" in page and "1.823" in page  # online, and the bar's total (online + direct)
    assert "1.361 (đúng hạn: 6)" in page  # chứng thực: 1.355 early in the bar, its 6 on time after it
    assert "đúng hạn: " in page  # a part too short for its number is named after the bar
    landscape = PdfReader(io.BytesIO(with_figures)).pages[-1].mediabox
    assert landscape.width > landscape.height


def test_without_overdue_dossiers_the_chart_says_so() -> None:
    pages = pages_text(render_annual_report(make_report(figures=sample_figures())))
    assert "Không có hồ sơ đang giải quyết quá hạn" in pages[-1]


def test_the_docx_has_the_charts_as_one_picture_after_the_appendix() -> None:
    plain = docx.Document(io.BytesIO(render_report_docx(make_report())))
    assert not plain.inline_shapes
    data = render_report_docx(make_report(figures=sample_figures(overdue=3)))
    document = docx.Document(io.BytesIO(data))
    assert len(document.inline_shapes) == 1
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts.index("Phụ lục: BIỂU ĐỒ TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH") > 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pictures = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert len(pictures) == 1
        image = Image.open(io.BytesIO(archive.read(pictures[0])))
    assert image.format == "PNG" and image.width > 1500


def test_the_picture_is_the_pdf_drawing_with_its_colours() -> None:
    figures = dataclasses.replace(sample_figures(overdue=3))
    image = Image.open(io.BytesIO(drawing_png(figures_drawing(figures, 700, 400), dpi=100)))
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 20)}  # type: ignore[union-attr]
    for series in (chart.series for chart in figures.charts):
        for one in series:
            rgb = tuple(int(one.colour[i : i + 2], 16) for i in (1, 3, 5))
            assert rgb in colours, one.name


def test_without_freetype_the_clerk_is_told_to_untick_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from cchc_desktop.documents import report_figures_png

    def missing(*_args: object, **_kwargs: object) -> None:
        raise ImportError("The _imagingft C module is not installed")

    report_figures_png._font.cache_clear()
    monkeypatch.setattr(report_figures_png.ImageFont, "truetype", missing)
    with pytest.raises(UserFacingError, match="Kèm trang biểu đồ"):
        render_report_docx(make_report(figures=sample_figures()))
    report_figures_png._font.cache_clear()
