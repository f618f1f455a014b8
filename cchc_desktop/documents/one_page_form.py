"""A4 portrait forms and letters meant to fit one page (Mẫu 02, 03, 05, the apology letter): the
spacing tightens until the story fits, then the page carries the page marks of a reprint."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable, PageTemplate

from cchc_desktop.documents.form_styles import LETTER_DENSITIES, FormStyles, one_page_styles
from cchc_desktop.documents.page_frame import build_pdf, page_spec
from cchc_desktop.documents.page_marks import page_marker

StoryOf = Callable[[FormStyles, float], list[Flowable]]  # (styles, frame width) → the flowables


def render_one_page_form(
    story_of: StoryOf,
    *,
    reprint_number: int,
    title: str,
    author: str,
    subject: str,
    densities: Sequence[dict[str, Any]] = LETTER_DENSITIES,
) -> bytes:
    spec = page_spec("A4")
    styles = one_page_styles(spec, lambda candidate: story_of(candidate, spec.frame_width), densities)
    template = PageTemplate(
        id="form", frames=[spec.frame()], onPage=page_marker(spec, styles, reprint_number)
    )
    return build_pdf(
        spec, [template], story_of(styles, spec.frame_width), title=title, author=author, subject=subject
    )
