"""Presenter mode reveals no contact and no note: an imported file with contacts, then
the whole screen text of every tab, the detail panel of every partner the file names,
and search, is searched for them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cli_helpers import clean_env, run_polyu
from textual.widgets import Input, Static
from ui_helpers import WIDE, detail, flat, press, screen_text, settle, static_text

from polyu_tui.data.store import Store
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.presenter.options import PresenterOptions
from polyu_tui.ui.tabs import TABS

CONTACTS = ("Ada Lovelace-Byron", "ada.contact@example.org", "Renewal needs the dean's nod")
CSV = (
    "partner,country,agreement_type,start_date,end_date,contact_name,contact_email,notes\n"
    f"University of Waterloo,CA,student_exchange,2024-01-01,2027-12-31,{CONTACTS[0]},"
    f"{CONTACTS[1]},{CONTACTS[2]}\n"
    f"Korea University,KR,mou,2023-05-01,,{CONTACTS[0]},{CONTACTS[1]},{CONTACTS[2]}\n"
)


def imported(tmp_path: Path) -> Path:
    source = tmp_path / "agreements.csv"
    source.write_text(CSV, encoding="utf-8")
    target = tmp_path / "user.db"
    done = run_polyu(
        ["import", str(source), "--into", str(target)],
        env=clean_env(POLYU_TUI_DATA_DIR=str(tmp_path / "data")),
    )
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(target)
    stored = conn.execute("SELECT contact_name, contact_email, notes FROM agreement").fetchall()
    conn.close()
    assert (CONTACTS[0], CONTACTS[1], CONTACTS[2]) in stored  # they are there to hide
    return target


def leaks(text: str) -> list[str]:
    words = [CONTACTS[0], CONTACTS[1], "dean's nod", "Lovelace", "example.org"]
    return [word for word in words if word.lower() in text.lower()]


def test_a_private_store_reads_no_contact_or_note(tmp_path: Path) -> None:
    path = imported(tmp_path)
    private = Store(path, private=True)
    rows = private.run(
        lambda conn: conn.execute(
            "SELECT contact_name, contact_email, notes, partner FROM agreement"
        ).fetchall()
    )
    assert rows and all(tuple(row[:3]) == ("", "", "") for row in rows)
    assert {row[3] for row in rows} == {"University of Waterloo", "Korea University"}
    open_store = Store(path)
    assert open_store.run(
        lambda conn: conn.execute(
            "SELECT count(*) FROM agreement WHERE contact_email = ?", (CONTACTS[1],)
        ).fetchone()[0]
    )
    private.close()
    open_store.close()


async def test_nothing_on_any_screen_shows_a_contact_or_a_note(tmp_path: Path) -> None:
    path = imported(tmp_path)
    app = PolyuApp(path, presenter=PresenterOptions(idle=3600))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        seen: list[str] = []
        for spec in TABS:
            await press(pilot, spec.key)
            seen.append(screen_text(pilot))
            await press(pilot, "enter")  # the tab's first record, in the panel
            seen.append(screen_text(pilot))
            await press(pilot, "x")
        for partner in ("waterloo", "korea-university"):
            app.open_record(partner)
            await settle(pilot)
            seen.append(screen_text(pilot))
            await press(pilot, "x")
        for query in ("Lovelace", "example.org", "dean", "Waterloo"):
            await press(pilot, "slash")
            app.screen.query_one(Input).value = query
            await settle(pilot)
            # What the visitor typed is on screen, of course: only what it found counts.
            seen.append(screen_text(pilot).replace(query, ""))
            await press(pilot, "escape")
        assert any("Waterloo" in text for text in seen)  # the screens were read
        assert [leak for text in seen for leak in leaks(text)] == []


async def test_the_panel_shows_an_agreements_contact_in_normal_mode_only(tmp_path: Path) -> None:
    """The office sees whom to contact; a visitor to the booth does not."""
    path = imported(tmp_path)
    conn = sqlite3.connect(path)
    (agreement,) = conn.execute(
        "SELECT id FROM agreement WHERE partner = 'University of Waterloo'"
    ).fetchone()
    conn.close()
    seen = {}
    for mode, presenter in (("normal", None), ("presenter", PresenterOptions(idle=3600))):
        app = PolyuApp(path, presenter=presenter)
        async with app.run_test(size=WIDE) as pilot:
            await settle(pilot)
            app.open_record(agreement)
            await settle(pilot)
            assert detail(pilot).current_id == agreement
            seen[mode] = flat(static_text(detail(pilot).query_one("#detail-fields", Static)))
    assert "Partner University of Waterloo" in seen["presenter"]
    assert f"Contact {CONTACTS[0]} <{CONTACTS[1]}>" in seen["normal"]
    assert leaks(seen["presenter"]) == []
