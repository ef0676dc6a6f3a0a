"""The HTML report in a real browser: headless Chromium (Debian's `chromium` package) loads it
at a 390 px phone and a 1280 px desktop and measures the layout.

Chromium is driven through its DevTools protocol over `--remote-debugging-pipe` (JSON
messages ending in NUL on file descriptors 3 and 4), so the test needs no WebSocket client
and no new dependency. The phone is emulated as a phone (`mobile: true`, device scale 3), so
the page's viewport meta tag is honoured as it is on a real one. Skipped only where no
Chromium is installed (`.ci/run` installs it).
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TINY, run, without_clock_shim
from venue_cli.report import ReportData, build_report

PHONE, DESKTOP = 390, 1280
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",  # the suite runs as root in CI containers
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
)
TIMEOUT = 60.0


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page, spoken to over the DevTools pipe."""

    def __init__(self, exe: str, profile: Path) -> None:
        to_chrome_r, self._out = os.pipe()
        self._in, from_chrome_w = os.pipe()

        def wire_fds() -> None:  # in the child: its fd 3 reads our commands, fd 4 answers
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3 and 4 must survive exec; every other fd is close-on-exec
            preexec_fn=wire_fds,
            env=without_clock_shim(dict(os.environ)),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=self.session)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise CDPError("Chromium did not answer in time")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise CDPError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        msg: dict[str, Any] = json.loads(raw)
        return msg

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._out, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            got = self._read(deadline)
            if got.get("id") == self._next:
                if "error" in got:
                    raise CDPError(f"{method}: {got['error']}")
                result: dict[str, Any] = got.get("result", {})
                return result
            self.events.append(got)

    def wait_for(self, event: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == event:
                    del self.events[: i + 1]
                    return
            self.events.append(self._read(deadline))

    def open(self, path: Path, width: int, height: int, *, mobile: bool) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=self.session,
            width=width,
            height=height,
            deviceScaleFactor=3 if mobile else 1,
            mobile=mobile,
        )
        self.events.clear()
        self.call("Page.navigate", session=self.session, url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        got = self.call(
            "Runtime.evaluate",
            session=self.session,
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in got:
            raise CDPError(str(got["exceptionDetails"]))
        return got["result"].get("value")

    def screenshot(self, path: Path, top: float, width: float, height: float) -> None:
        """A PNG of part of the page (CSS pixels), at one image pixel per CSS pixel."""
        import base64

        clip = {"x": 0, "y": top, "width": width, "height": height, "scale": 1}
        shot = self.call(
            "Page.captureScreenshot",
            session=self.session,
            format="png",
            clip=clip,
            captureBeyondViewport=True,
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with contextlib.suppress(CDPError, OSError):
            self.call("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._in)
        os.close(self._out)


@contextlib.contextmanager
def browser() -> Iterator[Browser]:
    exe = chromium()
    if exe is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="venues-chromium-") as profile:
        b = Browser(exe, Path(profile))
        try:
            yield b
        finally:
            b.close()


# The measurements, taken in the page. An element may be wider than the screen only inside a
# box that holds it (overflow-x auto or scroll: a table's scroll box; hidden: an SVG chart,
# whose own text is checked against its edges), as long as the box itself is within the
# screen; the page itself (html, body) may not hide what overflows.
MEASURE = r"""
(() => {
  const vw = window.innerWidth;
  const de = document.documentElement;
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const overflowing = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if ((r.right > vw + 0.5 || r.left < -0.5) && !scrolls(el)) {
      overflowing.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''} ` +
                       `${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  const texts = [];
  for (const t of document.querySelectorAll('svg.chart text')) {
    if (t.getClientRects().length === 0) continue;  // in a chart not shown at this width
    const m = t.getScreenCTM();
    const r = t.getBoundingClientRect();
    const box = t.ownerSVGElement.getBoundingClientRect();
    texts.push({
      text: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
      clipped: r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
               r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5,
    });
  }
  const main = document.querySelector('main');
  const charts = [...document.querySelectorAll('svg.chart')]
    .filter((s) => s.getClientRects().length > 0)
    .map((s) => ({
      kind: s.getAttribute('class'),
      width: s.getBoundingClientRect().width,
      box: s.parentElement.clientWidth,
    }));
  const rows = (sel) => [...document.querySelectorAll(sel)].map(
    (r) => r.getBoundingClientRect().height);
  const boxes = [...document.querySelectorAll('.table-wrap')].map(
    (b) => b.getBoundingClientRect().right);
  return {
    innerWidth: vw,
    clientWidth: de.clientWidth,
    scrollWidth: de.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    overflowX: [getComputedStyle(de).overflowX, getComputedStyle(document.body).overflowX],
    overflowing: overflowing,
    texts: texts,
    mainWidth: main.clientWidth,
    charts: charts,
    stabilityRows: rows('table.stability tbody tr'),
    rankingRows: rows('table.ranking tbody tr'),
    lineHeight: parseFloat(getComputedStyle(document.body).lineHeight),
    tables: document.querySelectorAll('table').length,
    wrappedTables: document.querySelectorAll('.table-wrap > table').length,
    boxRights: boxes,
  };
})()
"""


@pytest.fixture(scope="module")
def page() -> Iterator[Browser]:
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the bundled case as the CLI writes it (pinned date, every section)."""
    target = tmp_path_factory.mktemp("report") / "report.html"
    run("report", "-o", str(target), "--as-of", "2025-09-05", "--samples", "2000")
    return target


def measure(b: Browser, path: Path, width: int) -> dict[str, Any]:
    b.open(path, width, 900, mobile=width < 600)
    got: dict[str, Any] = b.evaluate(MEASURE)
    return got


# The widths: a phone; a small tablet, the narrowest screen given the wide layouts; a desktop.
WIDTHS = (PHONE, 720, DESKTOP)


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_fits_the_screen_and_its_charts_are_legible(
    page: Browser, bundled_report: Path, width: int
) -> None:
    m = measure(page, bundled_report, width)
    # The layout viewport is the screen (a phone would zoom out to show a page too wide).
    assert m["innerWidth"] == width
    # Nothing runs off the side: the page does not scroll sideways, and no element pokes out
    # except inside a box that scrolls (the tables' boxes, themselves within the screen).
    assert m["scrollWidth"] <= m["innerWidth"]
    assert m["overflowX"] == ["visible", "visible"]  # not hidden by clipping the page
    assert m["overflowing"] == []
    assert m["tables"] == m["wrappedTables"] > 0
    assert max(m["boxRights"]) <= width
    # Chart text is at least 10 px on the screen, and none of it is cut off.
    texts = m["texts"]
    assert len(texts) > 100
    small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 10]
    assert small == []
    assert [t["text"] for t in texts if t["clipped"]] == []
    # The charts take the width of their box; the ranking and the heat map the whole page.
    layout = "chart narrow" if width < 720 else "chart wide"
    kinds = [c["kind"] for c in m["charts"]]
    assert kinds == [layout, layout, "chart reliability"]
    for c in m["charts"]:
        assert c["width"] >= c["box"] - 0.5
    for c in m["charts"][:2]:
        assert c["width"] >= 0.9 * width
    # Stability rows stay a few lines high, padding included (they were 140 px on a phone):
    # at most 4 lines as a card on a phone, 2 in the table on wider screens.
    rows, line = m["stabilityRows"], m["lineHeight"]
    assert rows
    assert max(rows) <= (4 if width < 720 else 2) * line + 12


def _long_strings() -> ReportData:
    """tiny, with strings that cannot break: a 150-letter venue name, a quote holding a
    300-character URL, a 200-letter source title and data file name."""
    import datetime as dt

    from venue_cli.load import load_dataset
    from venue_cli.model.ranking import rank_venues
    from venue_cli.report import report_data

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VENUES_NO_CACHE", "1")
        ds = load_dataset(TINY)
    data = report_data(ds, rank_venues(ds, dt.date(2020, 1, 6)))
    word = "W" * 150
    url = "https://example.org/" + "x" * 300
    rank = copy.deepcopy(dict(data.rank))
    rank["data"] = "/d/" + "f" * 200 + ".yaml"
    for v in rank["venues"]:
        v["name"] = word
        v["main_obstacle"] = word
    explains = copy.deepcopy([dict(x) for x in data.explains])
    for ex in explains:
        ex["venue"]["name"] = word
        for p in ex["parties"]:
            for e in p["evidence"]:
                e["quote"] = f"see {url}"
    timeline = copy.deepcopy(dict(data.timeline or {}))
    for x in timeline["entries"]:
        x["text"] = word
        x["source"] = url
    sources = copy.deepcopy([dict(s) for s in data.sources])
    for s in sources:
        s["title"] = "T" * 200
    return dataclasses.replace(
        data, rank=rank, explains=explains, timeline=timeline, sources=sources, warnings=[word]
    )


@pytest.mark.slow
def test_unbreakable_strings_do_not_widen_the_page_on_a_phone(
    page: Browser, tmp_path: Path
) -> None:
    path = tmp_path / "long.html"
    path.write_text(build_report("html", _long_strings()), encoding="utf-8")
    m = measure(page, path, PHONE)
    assert m["innerWidth"] == PHONE
    assert m["scrollWidth"] <= PHONE
    assert m["overflowing"] == []
    assert [t["text"] for t in m["texts"] if t["clipped"]] == []
