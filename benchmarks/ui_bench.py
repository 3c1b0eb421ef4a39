"""Measure the app as a person sees it: in a real terminal (tmux, 120x40).

Every measure starts a command in a detached tmux session and polls
``tmux capture-pane -p`` every ~5 ms for a marker string. Markers and keys are
parameters, because the UI changes while this is written; run.py computes the
markers it expects from the data layer (the first partner's name, a count).

Each function returns a ``Measure``: a value, or None and the reason it failed,
so a failing UI measure never stops the table from printing.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

WIDTH, HEIGHT = 120, 40
POLL = 0.005
HERE = Path(__file__).resolve().parent
# Where the screen is saved when a measure fails, to see why.
FAILED_SCREENS = HERE / ".cache" / "ui-failures"
BARE_APP = HERE / "bare_app.py"
BARE_MARKER = "BARE-APP-READY"
BARE_ECHO_APP = HERE / "bare_input_app.py"
BARE_ECHO_READY = "ECHO-READY"


@contextlib.contextmanager
def tmux_server() -> Iterator[None]:
    """Keep one tmux server up for every measure: without a session left, the server
    exits after each one and the next start pays for a new server (and sometimes
    races the old one shutting down)."""
    name = f"polyu-bench-{os.getpid()}-keepalive"
    started = not available() and (
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", name, "-x", "20", "-y", "5", "cat"],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    try:
        yield
    finally:
        if started:
            subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True, check=False)


@dataclass
class Measure:
    value: float | None = None  # seconds (or bytes for RSS)
    reason: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.value is not None


def available() -> str:
    """'' when tmux can be used here, else why not."""
    if shutil.which("tmux") is None:
        return "tmux not found"
    return ""


class Session:
    """One command running in a detached tmux session of a fixed size."""

    counter = 0

    def __init__(self, command: str, *, env: dict[str, str] | None = None) -> None:
        Session.counter += 1
        self.name = f"polyu-bench-{os.getpid()}-{Session.counter}"
        self.command = command
        self.env = env or {}
        self.started = 0.0

    def start(self) -> float:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        command = f"env {exports} {self.command}" if exports else self.command
        self.started = time.perf_counter()
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(WIDTH),
                "-y",
                str(HEIGHT),
                command,
            ],
            check=True,
        )
        return self.started

    def screen(self) -> str:
        done = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the session ended: {done.stderr.strip() or 'no pane'}")
        return done.stdout

    def keys(self, *keys: str, literal: bool = False) -> float:
        """Send keys; return the time just before sending."""
        args = ["tmux", "send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        sent = time.perf_counter()
        subprocess.run([*args, *keys], check=True)
        return sent

    def wait_for(self, marker: str, since: float, timeout: float) -> float:
        """Seconds from ``since`` until ``marker`` is on screen."""
        return self.wait_for_any([marker], since, timeout)[0]

    def wait_for_any(
        self, markers: Sequence[str], since: float, timeout: float
    ) -> tuple[float, str]:
        """Seconds from ``since`` until one of ``markers`` is on screen, and which."""
        deadline = since + timeout
        while True:
            screen = self.screen()
            for marker in markers:
                if marker in screen:
                    return time.perf_counter() - since, marker
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{markers[0]!r} not on screen after {timeout:.0f} s")
            time.sleep(POLL)

    def wait_gone(self, marker: str, timeout: float) -> None:
        deadline = time.perf_counter() + timeout
        while marker in self.screen():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{marker!r} still on screen after {timeout:.0f} s")
            time.sleep(POLL)

    def peak_rss(self) -> int:
        """The largest VmHWM (peak resident set) among the processes in the pane, bytes."""
        done = subprocess.run(
            ["tmux", "list-panes", "-t", self.name, "-F", "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        )
        root = int(done.stdout.split()[0])
        best = 0
        for pid in [root, *_descendants(root)]:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        best = max(best, int(line.split()[1]) * 1024)
            except OSError:
                continue
        if not best:
            raise RuntimeError("no process found in the pane")
        return best

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)


def _save_screen(session: Session, step: str) -> str:
    try:
        screen = session.screen()
    except RuntimeError:
        return ""
    FAILED_SCREENS.mkdir(parents=True, exist_ok=True)
    path = FAILED_SCREENS / f"{session.name}-{step.strip('_')}.txt"
    path.write_text(screen, encoding="utf-8")
    return f" (screen: {path.relative_to(HERE.parent)})"


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: list[int] = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def first_paint(command: str, marker: str, *, repeats: int = 3, timeout: float = 20) -> Measure:
    """Process start to ``marker`` on screen, median of ``repeats`` fresh starts."""
    why = available()
    if why:
        return Measure(reason=why)
    samples: list[float] = []
    try:
        for _ in range(repeats):
            session = Session(command)
            try:
                started = session.start()
                samples.append(session.wait_for(marker, started, timeout))
            finally:
                session.close()
    except (TimeoutError, RuntimeError, subprocess.CalledProcessError) as exc:
        return Measure(reason=str(exc), samples=samples)
    return Measure(_median(samples), samples=samples)


def bare_textual_command() -> str:
    """A one-widget Textual app, the yardstick for first paint."""
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(BARE_APP))}"


def bare_echo_command() -> str:
    """A bare Textual Input, the yardstick for keystrokes."""
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(BARE_ECHO_APP))}"


@dataclass
class Interaction:
    """Keys to send once the app is ready, and what shows they took effect."""

    name: str
    keys: Sequence[str]
    marker: str
    literal: bool = False
    before: Sequence[str] = ()  # keys sent first, not timed (e.g. clearing an input)
    gone: str = ""  # wait until this is off screen before timing
    # Seconds to wait after that, before the timed keys: a person pauses between
    # clearing a search box and typing the next query, and the app draws the cleared
    # box meanwhile (keys sent within a frame of the clearing wait for its frame).
    pause: float = 0.0
    # Accepted instead of the marker, with a note (e.g. the row above the last one when
    # the last row itself is not drawn).
    fallback: str = ""
    # Seconds to wait after the marker, before the next step (a new screen or overlay
    # takes the focus a moment after it is drawn; keys sent sooner go elsewhere).
    settle: float = 0.0


@dataclass
class SessionResult:
    measures: dict[str, Measure]
    peak_rss: Measure
    notes: list[str] = field(default_factory=list)


def interact(
    command: str,
    ready: str,
    steps: Sequence[Interaction],
    *,
    timeout: float = 10,
    idle: float = 0.0,
) -> SessionResult:
    """Start ``command``, wait for ``ready`` and then ``idle`` seconds (the first
    screen finishes loading, as it would while a person looks at it), then time each
    step: from sending its last key to its marker on screen. A failed step is
    recorded and the rest go on (a step after a failure may well fail too). Reads
    the app's peak RSS at the end.
    """
    why = available()
    if why:
        return SessionResult(
            {step.name: Measure(reason=why) for step in steps}, Measure(reason=why)
        )
    results: dict[str, Measure] = {}
    notes: list[str] = []
    session = Session(command)
    try:
        started = session.start()
        try:
            session.wait_for(ready, started, timeout)
            time.sleep(idle)
        except (TimeoutError, RuntimeError) as exc:
            reason = f"app not ready: {exc}"
            return SessionResult(
                {step.name: Measure(reason=reason) for step in steps}, Measure(reason=reason)
            )
        for step in steps:
            measure = results.setdefault(step.name, Measure())
            try:
                if step.before:
                    session.keys(*step.before)
                if step.gone:
                    session.wait_gone(step.gone, timeout)
                time.sleep(step.pause)
                sent = session.keys(*step.keys, literal=step.literal)
                markers = [step.marker, *([step.fallback] if step.fallback else [])]
                seconds, seen = session.wait_for_any(markers, sent, timeout)
                measure.samples.append(seconds)
                if seen != step.marker:
                    notes.append(
                        f"{step.name}: {step.marker!r} never drawn; timed to {seen!r} instead"
                    )
                if step.settle:
                    time.sleep(step.settle)
            except (TimeoutError, RuntimeError, subprocess.CalledProcessError) as exc:
                saved = _save_screen(session, step.name)
                measure.reason = measure.reason or f"{step.name}: {exc}{saved}"
        for measure in results.values():
            if measure.samples and not measure.reason:
                measure.value = _median(measure.samples)
        try:
            rss = Measure(float(session.peak_rss()))
        except (RuntimeError, OSError, subprocess.CalledProcessError, ValueError) as exc:
            rss = Measure(reason=str(exc))
        return SessionResult(results, rss, list(dict.fromkeys(notes)))
    finally:
        session.close()
