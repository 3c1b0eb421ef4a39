"""``polyu-tui serve``: the app in a browser, on loopback, with nothing fetched from the web."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from cli_helpers import clean_env

from polyu_tui.web.server import app_command, exposure_warning, is_loopback, public_url

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def server(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    extra: list[str] = getattr(request, "param", [])
    process = subprocess.Popen(
        [sys.executable, "-m", "polyu_tui", "serve", "--port", str(port), *extra],
        env=clean_env(POLYU_TUI_CONFIG_DIR=str(tmp_path / "config")),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own group, so a failed test can still end it all
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server never listened"
                time.sleep(0.1)
        yield process, port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        text: str = response.read().decode("utf-8")
        return text


async def browse_then_stop(
    process: subprocess.Popen[str], port: int, marker: str = "Headline figures"
) -> tuple[str, set[int]]:
    """Open the websocket as the page does, read until the first screen is drawn, then
    stop the server with the browser still connected (Ctrl+C at the booth)."""
    seen = ""
    url = f"ws://127.0.0.1:{port}/ws?width=120&height=40"
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        deadline = time.monotonic() + 40
        while marker not in ANSI.sub("", seen):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no first screen in: {ANSI.sub('', seen)[-500:]!r}"
            message = await ws.receive(timeout=remaining)
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", "replace")
            elif message.type == aiohttp.WSMsgType.TEXT:
                seen += message.data
            else:
                raise AssertionError(f"the websocket closed: {message!r}")
        apps = descendants(process.pid)
        process.send_signal(signal.SIGINT)
        deadline = time.monotonic() + 20
        while process.poll() is None:
            assert time.monotonic() < deadline, "the server did not stop on Ctrl+C"
            await asyncio.sleep(0.1)
    return ANSI.sub("", seen), apps


def test_serve_draws_the_app_in_a_browser_and_stops_cleanly(
    server: tuple[subprocess.Popen[str], int],
) -> None:
    process, port = server
    page = fetch(f"http://127.0.0.1:{port}/")
    assert f"ws://127.0.0.1:{port}/ws" in page
    # Offline: every address in the page is this server's, and what it loads is too.
    addresses = re.findall(r"(?:https?|wss?)://[^\s\"')]+", page)
    assert addresses
    assert all(a.split("/")[2] == f"127.0.0.1:{port}" for a in addresses), addresses
    assert "googleapis" not in page
    for asset in re.findall(r"(?:href|src)=\"([^\"]+)\"", page):
        body = fetch(asset)
        assert "googleapis" not in body and "@import" not in body, asset
    font = re.search(r"url\(\"([^\"]+\.ttf)\"\)", page)
    assert font is not None
    with urllib.request.urlopen(font.group(1), timeout=10) as response:
        assert response.status == 200

    screen, apps = asyncio.run(browse_then_stop(process, port))
    assert "Overview" in screen and "Partners" in screen
    assert apps, "the app process the websocket started is not the server's child"
    output, _ = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}" in output
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in apps) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in apps if alive(pid)], "an app process outlived the server"


@pytest.mark.parametrize("server", [["--present"]], indirect=True)
def test_serve_present_serves_presenter_mode(server: tuple[subprocess.Popen[str], int]) -> None:
    process, port = server
    screen, _apps = asyncio.run(browse_then_stop(process, port, marker="how to explore"))
    assert "how to explore" in screen  # the visitors' key bar
    process.communicate(timeout=10)


def test_serve_is_loopback_unless_told_and_warns_otherwise() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert exposure_warning("127.0.0.1") is None
    for host in ("0.0.0.0", "192.168.1.20", "example.org"):
        warning = exposure_warning(host)
        assert warning is not None and "anyone on that network" in warning
    assert public_url("::1", 8000) == "http://[::1]:8000"
    assert app_command(["--db", "/a b/x.db"]).endswith("-m polyu_tui --db '/a b/x.db'")
