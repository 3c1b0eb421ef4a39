"""``polyu-tui serve``: the explorer in a web browser, with textual-serve.

Each browser tab that opens the page starts its own ``python -m polyu_tui`` process,
which textual-serve drives over a websocket. The page is polyu-tui's own template: it
loads nothing from the internet (textual-serve's default page fetches a web font from a
CDN), so the app works in a browser on a laptop with no network.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from polyu_tui.data.errors import PolyuError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
TEMPLATES = Path(__file__).resolve().parent / "templates"
TITLE = "PolyU partners"


class ServeUnavailable(PolyuError):
    """textual-serve is not installed (a stripped-down install)."""


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """The warning ``serve`` prints for a host other machines can reach, else None."""
    if is_loopback(host):
        return None
    return (
        f"serving on {host}: anyone on that network can open the app in a browser and "
        "see everything it shows"
    )


def public_url(host: str, port: int) -> str:
    """The address the page gives the browser for the websocket and static files."""
    shown = host
    if host in ("0.0.0.0", "::", ""):
        shown = socket.gethostname()  # a wildcard is not an address a browser can open
    elif ":" in host:
        shown = f"[{host}]"
    return f"http://{shown}:{port}"


def app_command(app_args: Sequence[str]) -> str:
    """The shell command textual-serve runs for each browser session."""
    return shlex.join([sys.executable, "-m", "polyu_tui", *app_args])


def serve(
    app_args: Sequence[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
) -> None:
    """Serve the app until Ctrl+C (or SIGTERM). ``app_args`` go to each app process."""
    try:
        from aiohttp import web
        from textual_serve.app_service import AppService
        from textual_serve.server import Server
    except ImportError as exc:
        raise ServeUnavailable(
            f"serving in a browser needs textual-serve ({exc.name} is missing): "
            "pip install textual-serve"
        ) from exc

    url = public_url(host, port)

    sessions: set[web.WebSocketResponse] = set()

    class PolyuServer(Server):
        async def on_startup(self, app: web.Application) -> None:
            """Not textual-serve's banner: the address is printed once it is bound."""

        async def on_shutdown(self, app: web.Application) -> None:
            # Ctrl+C with a browser still open: close its socket, which ends its app
            # process, instead of waiting a minute for the browser to leave.
            for websocket in list(sessions):
                await websocket.close()

        async def _process_messages(
            self, websocket: web.WebSocketResponse, app_service: AppService
        ) -> None:
            sessions.add(websocket)
            try:
                await super()._process_messages(websocket, app_service)
            finally:
                sessions.discard(websocket)

        def serve(self, debug: bool = False) -> None:
            # textual-serve's serve(), with a line printed once the port is bound.
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(sig, self.request_exit)
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda *_: self.console.print(
                    f"polyu-tui in a browser: open [bold]{url}[/]\nPress Ctrl+C to stop.",
                    highlight=False,
                ),
            )

    server = PolyuServer(
        app_command(app_args),
        host=host,
        port=port,
        title=TITLE,
        public_url=url,
        templates_path=TEMPLATES,
    )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the host is not this machine's
        reason = (exc.strerror or str(exc)).rsplit(": ", 1)[-1]
        raise PolyuError(f"cannot listen on {host}:{port}: {reason}") from exc
