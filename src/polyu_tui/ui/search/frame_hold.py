"""Hold back screen updates until an answer is ready, so a change and its answer
are drawn in one frame.

Textual draws at most one frame per 1/60 s, and after drawing one straight away it
waits one or two of those periods before the next. A frame drawn for a key alone
(the typed letter) would push the frame with that key's answer 17-33 ms later; the
hold skips it. It never lasts longer than its limit, so a slow answer only delays
the typed letter by that much.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.message_pump import MessagePump
from textual.timer import Timer


class FrameHold:
    def __init__(self, owner: MessagePump, limit: float) -> None:
        self.owner = owner  # its timers end the hold; release it when the owner goes
        self.limit = limit
        self._held: ExitStack | None = None
        self._release_timer: Timer | None = None

    @property
    def held(self) -> bool:
        return self._held is not None

    def begin(self) -> None:
        """Hold updates (if not already held) for at most ``limit`` seconds."""
        if self._held is not None:
            # A new change came before the last answer was drawn: wait for its answer
            # too, within the time left.
            self._cancel_release()
            return
        held = ExitStack()
        held.enter_context(self.owner.app.batch_update())
        held.callback(self.owner.set_timer(self.limit, self.release).stop)
        self._held = held

    def release_after_refreshes(self) -> None:
        """Release once the widgets changed just now have asked for their repaint.

        A widget asks the screen for a repaint from its own message queue; released
        at once, the screen would draw its next frame without them and draw them a
        frame (17-33 ms) later. A millisecond is time enough: they are ready to run.
        """
        if self._held is not None and self._release_timer is None:
            self._release_timer = self.owner.set_timer(0.001, self.release)

    def _cancel_release(self) -> None:
        if self._release_timer is not None:
            self._release_timer.stop()
            self._release_timer = None

    def release(self) -> None:
        self._cancel_release()
        held, self._held = self._held, None
        if held is not None:
            held.close()
            # The screen went idle while updates were held: have it look again.
            self.owner.check_idle()
