"""Keys typed straight after the key that opens a screen go into that screen's text box.

The app gets keys in the order they were typed, but a non-priority binding (``/``
opens search) runs only when its key has travelled to the focused widget and back
up to the app; the letters typed right after it have been sent to the old focused
widget meanwhile, and were lost there (the search opened empty). The same kind of
lost key as Textualize/textual#6605 (see widgets/ordered_input.py).

So the app opens such a screen in its own handling of the key (in order), and until
the new screen's text box has the focus, the keys the app would send to the screen
itself (no widget has the focus yet) go to the text box, in the order they came.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class TakesEarlyKeys:
    """A screen with a text box that should get the keys typed before it has the focus."""

    _early_keys: list[events.Key] | None = None
    _early_target: Widget | None = None

    def take_early_key(self, event: events.Key) -> None:
        """A key the app got while nothing on this screen had the focus."""
        if self._early_target is not None:
            # The private call Textual's App makes to hand a key to a widget: marked as
            # forwarded, so it is not sent round again if it bubbles up to the app.
            self._early_target._forward_event(event)
        else:
            if self._early_keys is None:
                self._early_keys = []
            self._early_keys.append(event)

    def early_keys_to(self, target: Widget) -> None:
        """From now on (the screen is composed), early keys go to ``target``: first
        those that came before, in order."""
        self._early_target = target
        for event in self._early_keys or ():
            target._forward_event(event)
        self._early_keys = None
