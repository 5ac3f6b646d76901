"""A headless Chromium driven over the DevTools protocol, with the standard library only.

Chromium's `--remote-debugging-pipe` reads protocol messages (JSON, each ended by a NUL byte) on
file descriptor 3 and writes on 4: no port is opened, nothing listens on the network, and no
package downloads a browser of its own. The browser is the system's (Debian's `chromium`);
`find_chromium()` returns None when there is none, and the tests skip with that reason.
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import struct
import time
import zlib
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 60.0      # seconds a single protocol answer may take before the test fails (never hangs)


def find_chromium() -> str | None:
    """$CHROMIUM, else the first browser on PATH."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


class BrowserError(AssertionError):
    pass


class Browser:
    """One browser process; `page()` opens a tab (a flattened DevTools session)."""

    def __init__(self, executable: str, profile: Path):
        to_child, self._to_child = _high_pipe()
        self._from_child, from_child = _high_pipe()
        actions = [(os.POSIX_SPAWN_DUP2, to_child, 3), (os.POSIX_SPAWN_DUP2, from_child, 4),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0), (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)]
        args = [executable, "--headless", "--remote-debugging-pipe", f"--user-data-dir={profile}", "--no-sandbox",
                "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb",
                "about:blank"]
        self.pid = os.posix_spawn(executable, args, os.environ, file_actions=actions)
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self._target: str | None = None

    def close(self) -> None:
        """Ask the browser to quit; kill it if it has not gone within 10 s (never hangs a test run)."""
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        for _ in range(100):
            if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self._to_child)
        os.close(self._from_child)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict:
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self._receive())

    def _receive(self) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_child], [], [], TIMEOUT)
            if not ready:
                raise BrowserError(f"no answer from the browser in {TIMEOUT:.0f} s")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise BrowserError("the browser closed its DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def page(self) -> "Page":
        """A new tab; the previous one is closed and its events dropped (one tab at a time)."""
        if self._target:
            self.call("Target.closeTarget", {"targetId": self._target})
            self.events.clear()
        target = self._target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, session)


class Page:
    """One tab: records its console errors, exceptions and network requests from the start."""

    def __init__(self, browser: Browser, session: str):
        self.browser, self.session = browser, session
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def open(self, url: str, width: int = 1280, height: int = 900, mobile: bool = False) -> None:
        self.resize(width, height, mobile)
        self.call("Page.navigate", {"url": url})
        self.browser.wait_for("Page.loadEventFired", self.session)

    def resize(self, width: int, height: int, mobile: bool = False) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, scale: float = 1.0) -> bytes:
        """What the viewport shows now, as PNG; scale < 1 gives a smaller picture of the same area."""
        box = self.evaluate("({x: scrollX, y: scrollY, width: innerWidth, height: innerHeight})")
        params = {"format": "png", "clip": {**box, "scale": scale}}
        return base64.b64decode(self.call("Page.captureScreenshot", params)["data"])

    def events(self, *methods: str) -> list[dict]:
        return [e for e in self.browser.events if e.get("sessionId") == self.session and e["method"] in methods]

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors, as one line each."""
        out = [f"console.{e['params']['type']}: {e['params'].get('args')}" for e in self.events("Runtime.consoleAPICalled")
               if e["params"]["type"] in ("error", "assert")]
        out += [f"exception: {e['params']['exceptionDetails']}" for e in self.events("Runtime.exceptionThrown")]
        out += [f"log {e['params']['entry']['level']}: {e['params']['entry']['text']}" for e in self.events("Log.entryAdded")
                if e["params"]["entry"]["level"] == "error"]
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events("Network.requestWillBeSent")]


def _high_pipe() -> tuple[int, int]:
    """A pipe whose ends are numbered above 4, so that dup2 onto 3 and 4 never overwrites one."""
    r, w = os.pipe()
    high = fcntl.fcntl(r, fcntl.F_DUPFD_CLOEXEC, 10), fcntl.fcntl(w, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(r)
    os.close(w)
    return high


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA or RGB bytes) of an 8-bit, non-interlaced PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    bpp = 4 if colour == 6 else 3
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytes(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        _unfilter(kind, line, prev, bpp)
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def _unfilter(kind: int, line: bytearray, prev: bytes, bpp: int) -> None:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 255
        elif kind == 2:
            line[i] = (line[i] + up) & 255
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
