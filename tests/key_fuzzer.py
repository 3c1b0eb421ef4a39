"""A fuzzer that drives the real app with Pilot: random keys, pastes of hostile text,
clicks and resizes, and shortens a failing run to the fewest actions that still fail.

An action is a plain tuple, so a failure can be printed, pasted into a test and
replayed: ("key", "pageup"), ("paste", "[/]"), ("resize", (40, 12)), ("click", (3, 1)).
The app is restarted (not failed) when an action quits it, e.g. a click on "Quit".
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual import events
from textual.errors import NoWidget
from textual.pilot import Pilot
from ui_helpers import make_app

Action = tuple[str, Any]

START = (120, 40)
SMALLEST, LARGEST = (40, 12), (200, 60)
# Sizes that found crashes before: too small in width, in height, and the edges.
EDGE_SIZES = [(40, 12), (59, 40), (120, 15), (60, 16), (109, 30), (110, 30), (80, 24), (200, 60)]
# Every key the app binds, and the keys of its lists, inputs and menus. Not q, ctrl+q or
# ctrl+c (they quit: covered by their own tests), nor ctrl+z (suspends the process).
KEYS = [
    *"123456",
    *"jkgGsrxafpbnt0789",
    "slash",
    "question_mark",
    "escape",
    "enter",
    "space",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "delete",
    "left_square_bracket",
    "right_square_bracket",
    "ctrl+k",
    "ctrl+p",
    "ctrl+a",
    "ctrl+e",
    "ctrl+u",
    "ctrl+w",
    "ctrl+f",
    "ctrl+d",
    "ctrl+left",
    "ctrl+right",
    "shift+left",
    "shift+right",
    "shift+home",
    "shift+end",
    "f1",
]
# Words a user types: they find records, so lists fill and panels open.
WORDS = ["polyu", "hong kong", "waterl", "univ", "research", "rwanda", "china", "x", "zz"]
HOSTILE = [
    "[/",
    "[/]",
    "[/bold]",
    "[bold]zzzq",
    "[@click=app.quit]x[/]",
    "[/\\;=]",
    "\\[/]",
    "$accent",
    "\x1b[2J\x1b]0;TITLE\x07",
    "\x00\x01\x02\x7f\x9b",
    "line one\nline two\r\n\ttab",
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202etxt.exe\u202c",
    "👩‍👩‍👧‍👦 🇭🇰 🏳️‍🌈",
    "e\u0301\u0301\u0301\u0301",
    "\u200b\u200d\ufeff",
    "香港理工大學",
    "'; DROP TABLE entity; --",
    '"',
    "NEAR(a b)",
    "*",
    " ",
]
# What random text is drawn from.
POOLS = [
    "abcdefghijklmnopqrstuvwxyz ",
    "[]/@=\\$;:.*\"'()-^",
    "".join(map(chr, range(0x00, 0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0))),
    "مرحباשלוםعالم",
    "😀👩‍👧🇭🇰🏳️‍🌈✨",
    "\u0301\u0308\u200b\u200d\u202e\ufeff",
    "香港理工大學東京",
]


def random_text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(rng.choice(POOLS)) for _ in range(length))


def random_action(rng: random.Random, size: tuple[int, int]) -> Action:
    roll = rng.random()
    if roll < 0.62:
        return ("key", rng.choice(KEYS))
    if roll < 0.72:
        return ("type", rng.choice(WORDS))
    if roll < 0.84:
        kind = rng.random()
        if kind < 0.5:
            text = rng.choice(HOSTILE)
        elif kind < 0.9:
            text = random_text(rng, rng.randint(1, 40))
        else:
            text = random_text(rng, 3000)
        return ("paste", text)
    if roll < 0.92:
        if rng.random() < 0.4:
            return ("resize", rng.choice(EDGE_SIZES))
        return (
            "resize",
            (rng.randint(SMALLEST[0], LARGEST[0]), rng.randint(SMALLEST[1], LARGEST[1])),
        )
    return ("click", (rng.randrange(size[0]), rng.randrange(size[1])))


def random_actions(seed: int, count: int) -> list[Action]:
    """The same ``count`` actions for the same seed (clicks stay inside the window)."""
    rng = random.Random(seed)
    size = START
    actions = []
    for _ in range(count):
        action = random_action(rng, size)
        if action[0] == "resize":
            size = action[1]
        actions.append(action)
    return actions


async def perform(pilot: Pilot[None], action: Action) -> None:
    kind, value = action
    app = pilot.app
    if kind == "key":
        await pilot.press(value)
    elif kind == "type":
        await pilot.press(*value)
    elif kind == "paste":
        app.post_message(events.Paste(value))
        await pilot.pause()
    elif kind == "resize":
        await pilot.resize_terminal(*value)
    elif kind == "click":
        x, y = value
        width, height = app.size
        if x < width and y < height:  # the window may have shrunk since
            # NoWidget is Pilot's own: nothing drawn there yet (mid-resize).
            with contextlib.suppress(NoWidget):
                await pilot.click(offset=(x, y))
    else:
        raise ValueError(f"unknown action {action!r}")


@dataclass
class Failure:
    error: BaseException
    at: int  # how many actions had run when it failed

    @property
    def signature(self) -> str:
        """What kind of failure: the exception type and where it was raised."""
        frames = traceback.extract_tb(self.error.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        return f"{type(self.error).__name__} at {where}"

    def describe(self) -> str:
        return "".join(traceback.format_exception(self.error)).rstrip()


# A single action that takes longer than this is a hang.
ACTION_TIMEOUT = 30.0


async def play(actions: Sequence[Action]) -> Failure | None:
    """Run ``actions`` on fresh apps (a new one whenever one quits); the first failure."""
    done = 0
    while done < len(actions):
        app = make_app()
        ran = done
        try:
            async with app.run_test(size=START) as pilot:
                for action in actions[ran:]:
                    await asyncio.wait_for(perform(pilot, action), ACTION_TIMEOUT)
                    done += 1
                    if app.return_code is not None:  # it quit, or crashed
                        break
                else:
                    await asyncio.wait_for(app.workers.wait_for_complete(), ACTION_TIMEOUT)
                    await pilot.pause()
        except Exception as error:  # any failure is the finding
            return Failure(error, done + 1)
        if app.crashed:  # a crash run_test did not re-raise
            return Failure(RuntimeError("the app crashed"), done)
        if done == ran:  # nothing ran: do not loop for ever
            break
    return None


async def shorten(
    actions: Sequence[Action],
    fails: Callable[[Sequence[Action]], Awaitable[bool]],
    *,
    budget_seconds: float = 300.0,
) -> list[Action]:
    """A shorter list that still ``fails``: the shortest tail that fails, then delta
    debugging (Zeller's ddmin) over it, within ``budget_seconds``."""
    deadline = time.monotonic() + budget_seconds
    current = list(actions)
    # The last few actions alone often fail: try tails of 1, 2, 4, ... first.
    length = 1
    while length < len(current) and time.monotonic() < deadline:
        if await fails(current[-length:]):
            current = current[-length:]
            break
        length *= 2
    chunks = 2
    while len(current) >= 2 and time.monotonic() < deadline:
        size = max(1, len(current) // chunks)
        parts = [current[i : i + size] for i in range(0, len(current), size)]
        reduced = False
        for index in range(len(parts)):
            if time.monotonic() >= deadline:
                break
            complement = [a for j, part in enumerate(parts) if j != index for a in part]
            if complement and await fails(complement):
                current = complement
                chunks = max(chunks - 1, 2)
                reduced = True
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(len(current), chunks * 2)
    return current
