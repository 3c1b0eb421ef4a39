"""What presenter mode does and when: its options, its tour, and the idle clock.

No Textual here: the clock is a function the tests replace, so idle time and the
tour's steps are driven by the test, never by sleeping.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from polyu_tui.data.errors import PolyuError

TOUR_FILE = Path(__file__).resolve().parent / "tour.toml"
DEFAULT_IDLE = 120.0
# Actions presenter mode turns off: nothing is written, imported or exported.
BLOCKED_ACTIONS = frozenset({"brief", "copy_summary", "change_theme"})
BLOCKED_PREFIXES = ("export", "import", "save", "write", "delete")


def blocked(action: str) -> bool:
    """Whether presenter mode turns ``action`` off (any export or import, by name)."""
    return action in BLOCKED_ACTIONS or action.startswith(BLOCKED_PREFIXES)


@dataclass(frozen=True)
class PresenterOptions:
    idle: float = DEFAULT_IDLE  # seconds without a key or the mouse before the reset
    tour: float | None = None  # seconds per tour step once idle; None: no tour


@dataclass(frozen=True)
class TourStep:
    tab: str
    record: str | None
    caption: str


def load_tour(path: Path = TOUR_FILE, tabs: frozenset[str] | None = None) -> list[TourStep]:
    """The tour's steps; a bad file is a PolyuError naming the file and the step."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolyuError(f"{path}: cannot read the tour: {exc}") from None
    steps: list[TourStep] = []
    for number, raw in enumerate(data.get("step", []), start=1):
        tab = raw.get("tab") if isinstance(raw, dict) else None
        if not isinstance(tab, str) or (tabs is not None and tab not in tabs):
            raise PolyuError(f"{path}: step {number}: unknown tab {tab!r}")
        record = raw.get("record")
        if record is not None and not isinstance(record, str):
            raise PolyuError(f"{path}: step {number}: record must be text, not {record!r}")
        steps.append(TourStep(tab, record, str(raw.get("caption", ""))))
    if not steps:
        raise PolyuError(f"{path}: the tour has no [[step]]")
    return steps


class IdleClock:
    """When to reset to the Overview and when to take the tour's next step.

    ``touch()`` on every key and mouse event; ``due()`` (called every half second by
    the app, or directly by a test) says what is due now: "reset" once after ``idle``
    seconds without a touch, then "step" every ``tour`` seconds while still untouched.
    """

    def __init__(
        self, options: PresenterOptions, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.options = options
        self.clock = clock
        self.last_touch = clock()
        self.reset_done = False
        self.next_step: float | None = None

    def touch(self) -> None:
        self.last_touch = self.clock()
        self.reset_done = False
        self.next_step = None

    def due(self) -> str | None:
        now = self.clock()
        if not self.reset_done:
            if now - self.last_touch >= self.options.idle:
                self.reset_done = True
                if self.options.tour:
                    self.next_step = now + self.options.tour
                return "reset"
            return None
        if self.next_step is not None and self.options.tour and now >= self.next_step:
            self.next_step = now + self.options.tour
            return "step"
        return None
