"""`b` writes a briefing card on the record open or highlighted, and the notice names
the files; `y` copies the record's one-line summary; in a browser the card downloads."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import (
    WIDE,
    detail_title,
    make_app,
    open_tab,
    press,
    search_and_open,
    settle,
)

from polyu_tui.data.briefing.files import EXPORT_ENV
from polyu_tui.ui.app import PolyuApp


def notices(app: PolyuApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.fixture
def exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "not yet made" / "briefs"
    monkeypatch.setenv(EXPORT_ENV, str(folder))
    return folder


async def test_b_on_the_open_record_writes_its_card_and_names_the_files(exports: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "Korea University")
        assert detail_title(pilot).startswith("Korea University")
        await press(pilot, "b")
        await settle(pilot)
        [notice] = notices(app)
        assert "korea-university.md and korea-university.svg" in notice
        assert str(exports) in notice
        card = exports / "korea-university.md"
        assert card.read_text(encoding="utf-8").startswith("# Korea University\n")
        assert (exports / "korea-university.svg").read_text(encoding="utf-8").startswith("<svg")


async def test_b_on_a_highlighted_partner_and_y_copies_its_summary(exports: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_tab(pilot, "2", "partners")
        await press(pilot, "j")  # the second partner by name
        await press(pilot, "y")
        await settle(pilot)
        copied = app.clipboard
        assert copied.startswith(
            "China Academy of Space Technology (Organisation). Type: Institute; "
            "Country or region: Mainland China †"
        )
        assert "\n" not in copied
        [notice] = notices(app)
        assert notice.startswith("Copied: China Academy of Space Technology")
        assert "some terminals ignore this" in notice
        await press(pilot, "b")
        await settle(pilot)
        assert (exports / "china-academy-of-space-technology.md").is_file()


async def test_b_with_nothing_in_focus_says_what_to_do(exports: Path) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.set_focus(None)
        await press(pilot, "b")
        assert notices(app) == ["Highlight a record in a list, or open one, first."]
        assert not exports.exists()


async def test_in_a_browser_the_card_arrives_as_downloads(
    exports: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[tuple[str, str, str]] = []

    def deliver_text(file: io.StringIO, **options: Any) -> str:
        delivered.append((options["save_filename"], options["mime_type"], file.getvalue()))
        return "key"

    monkeypatch.setattr(PolyuApp, "is_web", property(lambda self: True))
    app = make_app()
    monkeypatch.setattr(app, "deliver_text", deliver_text)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search_and_open(pilot, "Korea University")
        await press(pilot, "b")
        await settle(pilot)
        assert [(name, mime) for name, mime, _ in delivered] == [
            ("korea-university.md", "text/markdown"),
            ("korea-university.svg", "image/svg+xml"),
        ]
        assert delivered[0][2].startswith("# Korea University\n")
        assert "sent to your browser as downloads" in notices(app)[0]
        assert not exports.exists(), "nothing is written on the server's disk"
