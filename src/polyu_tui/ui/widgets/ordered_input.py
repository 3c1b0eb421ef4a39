"""An Input whose editing keys take effect in the order they were typed.

Textual's Input inserts a printable key at once, in its own ``_on_key``, but a bound
key (Ctrl+U, Backspace, Ctrl+W, the arrows) travels up to the app first, through a
message queue per ancestor, and its action runs when it gets there. Keys that arrive
together (fast typing, a terminal that sends Ctrl+U and the next letters in one read)
are therefore applied out of order: Ctrl+U then "korea" left the box empty, because
the letters went in before the Ctrl+U that was meant to come first. This is
Textualize/textual#6605 (the fix proposed upstream, PR #6631, is not in Textual 8.2.8);
until it lands, this runs the input's own bindings inline, in ``_on_key``, as that fix
does. Priority bindings are checked by the app before a key reaches the input, and
keys bound by an ancestor still bubble up as before.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    """Input, with its own bound keys run in the order they arrive."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority or not self.check_action(binding.action, ()):
                continue
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
