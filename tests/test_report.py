"""`venue_cli.report`: the self-contained HTML, Markdown and SVG reports."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from venue_cli.errors import InvalidArgumentError
from venue_cli.load import bundled_cases, load_dataset
from venue_cli.model.ranking import rank_venues
from venue_cli.records import Dataset
from venue_cli.render import sources as src
from venue_cli.render import timeline as tl
from venue_cli.report import FORMATS, ReportData, build_report
from venue_cli.timeline import timeline
from venue_cli.views.core import explain_view, rank_view, sensitivity_view

AS_OF = dt.date(2025, 9, 5)
EVIL = "Evil <script>alert(1)</script> | pipe"
SVG_NS = "{http://www.w3.org/2000/svg}"
# Elements that HTML never closes.
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "source", "wbr"}


@pytest.fixture(scope="module")
def dataset() -> Iterator[Dataset]:
    with pytest.MonkeyPatch.context() as mp:  # no test touches ~/.cache
        mp.setenv("VENUES_NO_CACHE", "1")
        yield load_dataset(bundled_cases()["putin-zelensky"])


@pytest.fixture(scope="module")
def plain(dataset: Dataset) -> ReportData:
    """Everything but the sensitivity analysis (as when numpy is missing)."""
    r = rank_venues(dataset, AS_OF)
    return ReportData(
        rank=rank_view(r),
        explains=[explain_view(r, s.venue.id) for s in r.scores],
        sensitivity=None,
        timeline=tl.view(dataset, timeline(dataset)),
        sources=src.bibliography(dataset, "date"),
    )


@pytest.fixture(scope="module")
def full(dataset: Dataset, plain: ReportData) -> ReportData:
    pytest.importorskip("numpy")
    from venue_cli.model.sensitivity import run_sensitivity, stability_intervals

    r = rank_venues(dataset, AS_OF)
    sens = run_sensitivity(r, samples=2000, seed=1)
    view = sensitivity_view(r, sens, stability_intervals(r))
    return dataclasses.replace(plain, sensitivity=view)


@pytest.fixture(scope="module")
def evil(full: ReportData) -> ReportData:
    """The full report data with hostile strings in a venue name, an obstacle, a quote and
    a source."""
    rank = copy.deepcopy(dict(full.rank))
    rank["venues"][0]["name"] = EVIL
    rank["venues"][0]["main_obstacle"] = EVIL
    explains = copy.deepcopy([dict(x) for x in full.explains])
    explains[0]["venue"]["name"] = EVIL
    explains[0]["obstacles"] = [
        {
            "party": "russia",
            "what": "stance",
            "description": EVIL,
            "remedy": EVIL,
            "loss": 0.1,
            "evidence": [],
        }
    ]
    sens = copy.deepcopy(dict(full.sensitivity or {}))
    sens["venues"][0]["name"] = EVIL
    sens["headline"] = EVIL
    timeline_view = copy.deepcopy(dict(full.timeline or {}))
    timeline_view["entries"][0]["text"] = EVIL
    sources = copy.deepcopy([dict(s) for s in full.sources])
    sources[0]["title"] = EVIL
    sources[0]["url"] = "javascript:alert(1)"
    return ReportData(
        rank=rank, explains=explains, sensitivity=sens, timeline=timeline_view, sources=sources
    )


# --------------------------------------------------------------------------- helpers


class Page(HTMLParser):
    """Collects tags, attributes, text and style sheets; checks that tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def md_table(md: str, heading: str) -> list[str]:
    """The lines of the first pipe table after a heading line."""
    lines = md.splitlines()
    start = lines.index(heading)
    rows: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append(line)
        elif rows or line.startswith("#"):
            break
    return rows


def cells(row: str) -> list[str]:
    """Split a pipe-table row on unescaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


def inline_svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)


# --------------------------------------------------------------------------- HTML


def test_html_parses_with_balanced_tags(full: ReportData) -> None:
    page = parse(build_report("html", full))
    assert page.errors == []
    assert page.stack == []
    names = [t for t, _ in page.tags]
    for tag in ("html", "head", "body", "main", "header", "footer", "table", "svg", "section"):
        assert tag in names
    assert ("meta", {"charset": "utf-8"}) in page.tags


def test_html_names_every_venue_and_source(full: ReportData, dataset: Dataset) -> None:
    page = parse(build_report("html", full))
    text = " ".join(page.text)
    for v in dataset.venues.values():
        assert v.name in text
    ids = {a.get("id") for _, a in page.tags}
    for v in dataset.venues.values():
        assert f"venue-{v.id}" in ids  # one explanation per venue
    assert len(
        [a for t, a in page.tags if t == "li" and (a.get("id") or "").startswith("src-")]
    ) == len(dataset.sources)


def test_html_loads_nothing_from_outside(full: ReportData) -> None:
    page = parse(build_report("html", full))
    for tag, attrs in page.tags:
        assert tag not in {"script", "link", "iframe", "object", "embed"}, tag
        if tag == "img":
            assert not (attrs.get("src") or "").lower().startswith(("http", "//"))
        for name, value in attrs.items():
            value = (value or "").lower()
            if name == "href":
                assert tag == "a", tag
                assert value.startswith(("#", "https://", "http://")), value
            if name in {"src", "srcset", "data", "poster", "xlink:href"}:
                assert not value.startswith(("http", "//")), (tag, name, value)
            if name == "style":
                assert "url(" not in value
                assert "@import" not in value
            assert not name.startswith("on"), name  # no inline event handlers
    css = " ".join(page.styles).lower()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", css)


def test_html_inline_svgs_are_xml(full: ReportData, plain: ReportData) -> None:
    svgs = inline_svgs(build_report("html", full))
    assert len(svgs) == 2  # the score bars and the heat map
    for s in svgs:
        root = ET.fromstring(s)
        assert root.tag == f"{SVG_NS}svg"
        assert root.get("viewBox")
    bars, heat = (ET.fromstring(s) for s in svgs)
    venues = full.rank["venues"]
    groups = [g for g in bars.iter(f"{SVG_NS}g") if "venue" in (g.get("class") or "")]
    assert len(groups) == len(venues)
    vetoed = [g for g in groups if "vetoed" in (g.get("class") or "")]
    assert len(vetoed) == sum(1 for v in venues if not v["feasible"])
    n = len(venues)
    assert (
        len([r for r in heat.iter(f"{SVG_NS}rect") if r.find(f"{SVG_NS}title") is not None])
        == n * n
    )
    assert len(inline_svgs(build_report("html", plain))) == 1  # no heat map without sensitivity


def test_html_heat_map_prints_values_from_five_percent(full: ReportData) -> None:
    heat = ET.fromstring(inline_svgs(build_report("html", full))[1])
    printed = [t.text for t in heat.iter(f"{SVG_NS}text") if (t.text or "").endswith("%")]
    shares = [s for v in (full.sensitivity or {})["venues"] for s in v["acceptability"]]
    assert len(printed) == sum(1 for s in shares if s >= 0.05)


# --------------------------------------------------------------------------- Markdown


def test_markdown_ranking_table_has_one_row_per_venue(full: ReportData) -> None:
    md = build_report("md", full)
    n = len(full.rank["venues"])
    rows = md_table(md, "## Ranking")
    assert len(rows) == n + 2
    assert set(rows[1]) <= set("|-: ")
    width = len(cells(rows[0]))
    assert all(len(cells(r)) == width for r in rows)


def test_markdown_heat_map_table_has_one_row_per_venue(full: ReportData) -> None:
    md = build_report("md", full)
    n = len(full.rank["venues"])
    rows = md_table(md, "### Rank acceptability")
    assert len(rows) == n + 2
    assert all(len(cells(r)) == n + 2 for r in rows)  # venue, one column per rank, mean rank
    first = cells(rows[2])
    assert first[1].endswith("%")


def test_markdown_without_sensitivity_says_so(plain: ReportData) -> None:
    md = build_report("md", plain)
    assert "## Sensitivity" in md
    assert "Not computed" in md
    assert "### Rank acceptability" not in md


def test_markdown_marks_timeline_entries_after_the_as_of_date(plain: ReportData) -> None:
    md = build_report("md", plain)
    later = [e for e in (plain.timeline or {})["entries"] if e["date"] > AS_OF.isoformat()]
    rows = md_table(md, "## Timeline")
    assert len(rows) == len((plain.timeline or {})["entries"]) + 2
    assert sum(1 for r in rows if "†" in cells(r)[0]) == len(later)


# --------------------------------------------------------------------------- SVG


def test_svg_is_xml_and_offline(full: ReportData, plain: ReportData) -> None:
    for data in (full, plain):
        svg = build_report("svg", data)
        root = ET.fromstring(svg)
        assert root.tag == f"{SVG_NS}svg"
        assert "venues&#160;rank" in svg  # the window title
        assert "@font-face" not in svg
        assert not re.search(r"url\(\s*['\"]?https?:", svg)
        assert full.rank["venues"][0]["name"] in svg
    assert "samples" in build_report("svg", full)  # the heat map's headline
    assert "samples" not in build_report("svg", plain)


# --------------------------------------------------------------------------- escaping


def test_hostile_strings_are_escaped_in_html(evil: ReportData) -> None:
    html = build_report("html", evil)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html.replace("javascript:alert(1)</small>", "")  # shown, not linked
    page = parse(html)
    assert page.errors == []
    assert page.stack == []
    assert not any(t == "script" for t, _ in page.tags)
    assert not any((a.get("href") or "").lower().startswith("javascript") for _, a in page.tags)
    assert EVIL in " ".join(page.text)  # shown as text
    for s in inline_svgs(html):
        ET.fromstring(s)


def test_hostile_strings_are_escaped_in_markdown(evil: ReportData) -> None:
    md = build_report("md", evil)
    assert "<script" not in md.lower()
    assert "&lt;script&gt;" in md
    assert "](javascript:" not in md
    n = len(evil.rank["venues"])
    for heading in ("## Ranking", "### Rank acceptability"):
        rows = md_table(md, heading)
        assert len(rows) == n + 2
        width = len(cells(rows[0]))
        assert all(len(cells(r)) == width for r in rows), heading  # the | stayed in its cell
    assert "\\| pipe" in md_table(md, "## Ranking")[2]


def test_hostile_strings_are_escaped_in_svg(evil: ReportData) -> None:
    svg = build_report("svg", evil)
    ET.fromstring(svg)
    assert "<script" not in svg.lower()


# --------------------------------------------------------------------------- API


def test_formats_and_unknown_format(plain: ReportData) -> None:
    assert FORMATS == ("html", "md", "svg")
    with pytest.raises(InvalidArgumentError, match="report format"):
        build_report("pdf", plain)


def test_reports_are_pure(full: ReportData) -> None:
    before = copy.deepcopy(full)
    for fmt in FORMATS:
        assert build_report(fmt, full) == build_report(fmt, full)
    assert full == before  # the views are not modified
    with pytest.raises(dataclasses.FrozenInstanceError):
        full.sensitivity = None  # type: ignore[misc]


def test_optional_sections_can_be_left_out(plain: ReportData) -> None:
    bare = ReportData(rank=plain.rank, explains=plain.explains)
    html = build_report("html", bare)
    assert 'id="timeline"' not in html
    assert 'id="sources"' not in html
    assert parse(html).errors == []
    md = build_report("md", bare)
    assert "## Timeline" not in md
    assert "## Sources" not in md


def test_importing_the_report_does_not_import_numpy(python: str) -> None:
    code = (
        "import sys\nimport venue_cli.report, venue_cli.report.html, venue_cli.report.markdown\n"
        "import venue_cli.report.svg, venue_cli.report.charts, venue_cli.report.terminal\n"
        "print('numpy' in sys.modules, 'rich' in sys.modules)"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def _criteria_columns(md: str, venue_heading: str) -> list[list[str]]:
    rows = md_table(md, venue_heading)
    body = [cells(r) for r in rows[2:]]
    return [[row[k] for row in body] for k in range(1, len(body[0]))]


def test_markdown_contributions_add_up_to_the_utility(full: ReportData) -> None:
    md = build_report("md", full)
    top = full.explains[0]
    lines = md.splitlines()
    start = lines.index(f"### 1. {top['venue']['name']}")
    section = "\n".join(lines[start:])
    for column, p in zip(
        _criteria_columns(section, "**Criteria contributions:**"), top["parties"], strict=True
    ):
        numbers = [float(c.split()[0].strip("*")) for c in column]
        *parts, total = numbers
        assert total == pytest.approx(p["utility"], abs=5e-4 + 1e-12)
        assert sum(parts) == pytest.approx(total, abs=1e-9)


def test_report_data_collects_the_views_up_to_the_as_of_date(dataset: Dataset) -> None:
    from venue_cli.report import report_data

    r = rank_venues(dataset, AS_OF)
    data = report_data(dataset, r)
    assert data.sensitivity is None
    assert [x["venue"]["id"] for x in data.explains] == [v["id"] for v in data.rank["venues"]]
    entries = (data.timeline or {})["entries"]
    assert entries
    assert all(x["date"] <= AS_OF.isoformat() for x in entries)
    assert parse(build_report("html", data)).errors == []
