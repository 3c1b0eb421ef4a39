"""Presenter mode: its theme and figures, the idle reset and the tour (time driven by
the test through the app's clock, never by sleeping), q asking, visitor help."""

from __future__ import annotations

from pathlib import Path

import pytest
from agreement_db import agreements_db
from textual import events
from textual.widgets import Digits
from ui_helpers import BUNDLED_DB, WIDE, active_tab, flat, press, screen_text, settle

from polyu_tui.data.errors import PolyuError
from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.presenter.options import (
    IdleClock,
    PresenterOptions,
    load_tour,
)
from polyu_tui.ui.presenter.screens import ConfirmQuit, VisitorHelp
from polyu_tui.ui.tabs import TABS


class Clock:
    """Seconds as the test says."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def presenter_app(clock: Clock, *, idle: float = 60, tour: float | None = None) -> PolyuApp:
    return PolyuApp(BUNDLED_DB, presenter=PresenterOptions(idle=idle, tour=tour), clock=clock)


def test_the_idle_clock_resets_once_then_steps_until_touched() -> None:
    clock = Clock()
    idle = IdleClock(PresenterOptions(idle=60, tour=10), clock)
    clock.now += 59
    assert idle.due() is None
    clock.now += 1
    assert idle.due() == "reset"
    assert idle.due() is None  # once
    clock.now += 10
    assert idle.due() == "step"
    clock.now += 5
    assert idle.due() is None
    idle.touch()
    clock.now += 30
    assert idle.due() is None  # a touch starts the wait again


def test_the_tour_file_names_real_tabs_and_a_bad_one_says_where(tmp_path: Path) -> None:
    steps = load_tour(tabs=frozenset(spec.id for spec in TABS))
    assert steps[0].tab == "overview" and any(step.tab == "map" for step in steps)
    assert any(step.record for step in steps)
    bad = tmp_path / "tour.toml"
    bad.write_text('[[step]]\ntab = "nowhere"\n', encoding="utf-8")
    with pytest.raises(PolyuError, match=r"tour.toml: step 1: unknown tab 'nowhere'"):
        load_tour(bad, tabs=frozenset(spec.id for spec in TABS))


async def test_presenter_mode_looks_like_it() -> None:
    app = presenter_app(Clock())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.theme == "polyu-present"
        digits = [str(d.value) for d in app.query(Digits)]
        assert "580" in digits and "42,400" in digits  # the headline figures, large
        text = screen_text(pilot)
        assert "how to explore" in text  # the visitors' key bar
        assert "Quit" not in text.splitlines()[-1]
        await press(pilot, "question_mark")
        assert isinstance(app.screen, VisitorHelp)
        assert "How to explore PolyU's partners" in screen_text(pilot)
        await press(pilot, "space")
        assert not isinstance(app.screen, VisitorHelp)


async def test_the_theme_is_selectable_outside_presenter_mode() -> None:
    app = PolyuApp(BUNDLED_DB, remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "polyu-present" in app.available_themes
        assert app.theme != "polyu-present"
        assert not list(app.query(Digits))


async def test_idle_reset_closes_everything_and_shows_the_overview() -> None:
    clock = Clock()
    app = presenter_app(clock, idle=60)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        await press(pilot, "enter")
        assert app.detail_open
        await press(pilot, "slash")
        assert len(app.screen_stack) == 2
        clock.now += 59
        assert app.booth is not None
        await app.booth.tick()
        await settle(pilot)
        assert len(app.screen_stack) == 2, "not yet: 59 s"
        clock.now += 1
        await app.booth.tick()
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert not app.detail_open
        assert active_tab(pilot) == "overview"
        # A key starts the wait again.
        await press(pilot, "3")
        clock.now += 30
        await app.booth.tick()
        await settle(pilot)
        assert active_tab(pilot) == "alliances"


async def test_the_tour_steps_through_tabs_and_records_while_idle() -> None:
    clock = Clock()
    app = presenter_app(clock, idle=60, tour=8)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.booth is not None
        tour = app.booth.tour
        await press(pilot, "2")
        clock.now += 60
        await app.booth.tick()
        await settle(pilot)
        assert active_tab(pilot) == "overview"
        assert tour[0].caption in screen_text(pilot)
        clock.now += 8
        await app.booth.tick()
        await settle(pilot)
        assert active_tab(pilot) == tour[1].tab
        assert tour[1].caption in screen_text(pilot)
        # On to the first step that opens a record.
        with_record = next(i for i, step in enumerate(tour) if step.record)
        for _ in range(with_record - 1):
            clock.now += 8
            await app.booth.tick()
            await settle(pilot)
        assert active_tab(pilot) == tour[with_record].tab
        assert app.detail_open


async def test_q_asks_and_ctrl_q_quits_at_once() -> None:
    app = presenter_app(Clock())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "q")
        assert isinstance(app.screen, ConfirmQuit)
        assert "Quit the presentation?" in screen_text(pilot)
        await press(pilot, "n")
        assert not isinstance(app.screen, ConfirmQuit)
        assert app.is_running
        await press(pilot, "q")
        await press(pilot, "y")
        assert not app.is_running
    app = presenter_app(Clock())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_nothing_is_exported_or_written_in_presenter_mode() -> None:
    app = presenter_app(Clock())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for action in ("export", "export_view", "import", "brief", "copy_summary", "change_theme"):
            assert app.check_action(action, ()) is False
    app = PolyuApp(BUNDLED_DB, remember_theme=False)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.check_action("brief", ()) is True


async def test_keys_typed_at_once_close_the_visitor_help_once() -> None:
    """Two keys queued before the help has closed (a visitor pressing → →) closed it
    twice: the second pop found no screen to pop and the app crashed."""
    app = presenter_app(Clock())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, VisitorHelp)
        for _ in range(2):
            help_screen.post_message(events.Key("right", None))
        await settle(pilot)
        assert app.is_running
        assert not isinstance(app.screen, VisitorHelp)


async def test_the_visitor_help_names_the_office_list_when_agreements_are_shown(
    tmp_path: Path,
) -> None:
    """With agreements imported the booth shows them, so "everything comes from one
    article" would be untrue: the help names both sources."""
    app = PolyuApp(
        agreements_db(tmp_path / "user"),
        presenter=PresenterOptions(idle=60, tour=None),
        clock=Clock(),
    )
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        text = flat(screen_text(pilot))
        assert "the agreements from the office's own list" in text
        assert "Everything comes from one article" not in text

    article_only = presenter_app(Clock())
    async with article_only.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert "Everything comes from one article" in flat(screen_text(pilot))


@pytest.mark.parametrize("size", [(80, 24), (64, 20)])
async def test_the_visitor_help_fits_whole_on_a_small_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """At 80x24 the help lost its last line (how to start) and wrapped its prose
    mid-sentence onto short lines."""
    for db in (BUNDLED_DB, agreements_db(tmp_path / f"user-{size[0]}")):
        app = PolyuApp(db, presenter=PresenterOptions(idle=60, tour=None), clock=Clock())
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await press(pilot, "question_mark")
            text = screen_text(pilot)
            assert "How to explore PolyU's partners" in text
            assert "Press any key to start exploring." in text
            assert "to the start." in text
            prose = [line.strip("█ ") for line in text.splitlines() if "from one article" in line]
            assert prose and len(prose[0]) > size[0] * 3 // 4, "prose fills its lines"
