"""Fitting text to cells: the string fit of a table cell draws what the segment fit
draws (fit_segments), printable and exactly as wide, for any text and width."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style

from polyu_tui.ui.cells import fit, fit_segments

TEXT = st.text(alphabet=st.sampled_from([*"ab XYZ,;-(·北京大学é", "\x1b", "\t", "\x85"]))


@given(TEXT, st.integers(min_value=0, max_value=30))
def test_fit_is_the_segment_fit_as_a_string(text: str, width: int) -> None:
    fitted = fit(text, width)
    assert fitted == "".join(s.text for s in fit_segments([Segment(text)], width, Style()))
    assert cell_len(fitted) == width
    assert "\x1b" not in fitted and "\t" not in fitted


def test_a_plain_name_is_padded_or_cut_at_a_word() -> None:
    assert fit("Korea University", 20) == "Korea University    "
    assert fit("University of Waterloo", 15) == "University of… "
    assert fit("Evil\x1b[31m", 10) == "Evil␛[31m "
