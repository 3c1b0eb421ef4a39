"""Keys your way: keymap.toml in the config folder remaps a binding; a bad file is a
notice and the default keys."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.widgets import Static
from ui_helpers import WIDE, active_tab, make_app, press, settle, static_text

from polyu_tui.ui.app import PolyuApp
from polyu_tui.ui.bindings import binding_sections, shadowed_keys
from polyu_tui.ui.help_screen import HelpScreen


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_a_remapped_key_works_and_the_help_shows_it(settings_dir: Path) -> None:
    settings_dir.mkdir(parents=True)
    (settings_dir / "keymap.toml").write_text(
        '"tab.partners" = "P"\n[help]\nclose = "escape,h"\n', encoding="utf-8"
    )
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert notices(app) == []
        await press(pilot, "2")
        assert active_tab(pilot) == "overview", "the old key no longer switches"
        await press(pilot, "P")
        assert active_tab(pilot) == "partners"
        await press(pilot, "1", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        lines = static_text(app.screen.query_one("#help-table", Static)).splitlines()
        partners = next(line for line in lines if "Every partner organisation" in line)
        assert partners.split()[0] == "P", partners
        assert str(settings_dir / "keymap.toml") in "".join(
            static_text(note) for note in app.screen.query(".help-note").results(Static)
        )
        footer = static_text(app.screen.query_one("#help-footer", Static))
        assert footer == "esc or h closes this help."
        await press(pilot, "h")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_bad_keymap_is_a_notice_and_the_default_keys(settings_dir: Path) -> None:
    settings_dir.mkdir(parents=True)
    path = settings_dir / "keymap.toml"
    path.write_text('"tab.partners" = "p"\n"tab.nowhere" = "n"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        [notice] = notices(app)
        assert notice.startswith(f"{path}:2: unknown binding id 'tab.nowhere'")
        assert "Using the default keys" in notice
        await press(pilot, "p")
        assert active_tab(pilot) == "overview", "nothing of a bad file is used"
        await press(pilot, "2")
        assert active_tab(pilot) == "partners"


async def test_a_keymap_that_is_a_folder_is_a_notice(settings_dir: Path) -> None:
    (settings_dir / "keymap.toml").mkdir(parents=True)
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        [notice] = notices(app)
        assert "is a folder, not a file" in notice
        await press(pilot, "2")
        assert active_tab(pilot) == "partners"


async def test_a_key_taken_from_another_binding_is_a_notice(settings_dir: Path) -> None:
    settings_dir.mkdir(parents=True)
    (settings_dir / "keymap.toml").write_text('"tab.partners" = "q"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        [told] = notices(app)
        assert told == f"{settings_dir / 'keymap.toml'}: q no longer does “Quit polyu-tui”."
        await press(pilot, "q")
        assert active_tab(pilot) == "partners", "q is the user's Partners key now"


def test_no_part_of_the_app_takes_a_key_the_whole_app_uses() -> None:
    """The map's m (expiring agreements) hid the app's m (Maximize, Restore) while the
    map had the focus, and no check saw it."""
    sections = binding_sections(list(PolyuApp.BINDINGS))
    assert shadowed_keys(sections) == []
    # The check sees a clash: a list taking q.
    clash = [*sections, ("Lists", [Binding("q", "quietly", "Quietly")])]
    assert shadowed_keys(clash) == ["Lists: q is Quietly, not Quit"]
