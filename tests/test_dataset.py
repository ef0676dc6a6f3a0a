"""The bundled datasets: they load, hold every required venue and party, and every fact and
stated position carries a date and a source."""

from __future__ import annotations

import re

import pytest

from venue_cli.load import bundled_cases, load_dataset
from venue_cli.records import Dataset, Role

REQUIRED_VENUES = {
    "moscow": "RU",
    "kyiv": "UA",
    "vienna": "AT",
    "vatican": "VA",
    "geneva": "CH",
    "istanbul": "TR",
    "riyadh": "SA",
    "abu-dhabi": "AE",
    "doha": "QA",
    "budapest": "HU",
    "minsk": "BY",
    "anchorage": "US",
}


@pytest.fixture(scope="module")
def pz() -> Dataset:
    return load_dataset(bundled_cases()["putin-zelensky"])


def test_required_venues_with_string_country_codes(pz: Dataset) -> None:
    for vid, code in REQUIRED_VENUES.items():
        venue = pz.venues[vid]
        assert venue.country == code
        assert isinstance(venue.country, str)
        assert venue.name
        assert venue.city


def test_gulf_group_and_its_note(pz: Dataset) -> None:
    gulf = [v for v in pz.venues.values() if "gulf" in v.groups]
    assert {v.id for v in gulf} == {"riyadh", "abu-dhabi", "doha"}
    for v in gulf:  # the minister named no Gulf state: the data must say how it is coded
        assert v.note is not None
        assert "name no country" in v.note
    (sybiha,) = [s for s in pz.statements if s.id == "ua-2025-09-03-sybiha-gulf"]
    assert (sybiha.covers, sybiha.venues) == ("gulf", ())


def test_parties_and_roles(pz: Dataset) -> None:
    assert pz.case.principals == ("russia", "ukraine")
    assert pz.parties["russia"].role is Role.PRINCIPAL
    assert pz.parties["ukraine"].role is Role.PRINCIPAL
    assert pz.parties["united-states"].role is Role.MEDIATOR
    stakeholders = [p for p in pz.parties.values() if p.role is Role.STAKEHOLDER]
    assert len(stakeholders) >= 5
    for pid in ("russia", "ukraine", "united-states"):  # symmetric: every one on role defaults
        assert pz.parties[pid].criteria == {}, pid
    assert any("role defaults" in n or "default weights" in n for n in pz.case.notes)


def test_blanket_remarks_are_coded_for_both_sides(pz: Dataset) -> None:
    for party in ("russia", "ukraine"):
        blanket = [s for s in pz.statements if party in s.speakers and s.blanket]
        assert blanket, party
    yermak = next(s for s in pz.statements if s.id == "ua-2025-10-17-yermak-any-place")
    assert (yermak.covers, set(yermak.excluded)) == ("all", {"moscow", "minsk", "kyiv"})


def test_rome_is_its_own_venue(pz: Dataset) -> None:
    assert pz.venues["rome"].country == "IT"
    rome = {s.id for s in pz.statements if "rome" in s.venues}
    assert {"us-2025-08-07-trump-rome", "it-2025-08-07-meloni-rome"} <= rome
    assert not any("vatican" in s.venues for s in pz.statements if s.id in rome)


def test_mediation_is_recorded_where_it_happened(pz: Dataset) -> None:
    qatar = next(e for e in pz.events if e.id == "ev-2023-10-16-qatar-children")
    assert (qatar.country, qatar.mediators) == ("RU", ("qatar",))
    for eid in ("ev-2025-03-19", "ev-2025-04-19"):
        e = next(x for x in pz.events if x.id.startswith(eid))
        assert e.venue != "abu-dhabi"
        assert "uae" in e.mediators


@pytest.mark.parametrize("name", list(bundled_cases()))
def test_every_record_has_a_date_and_a_resolvable_source(name: str) -> None:
    ds = load_dataset(bundled_cases()[name])
    for s in ds.statements:
        assert s.sources, s.id
        assert s.quote.strip(), s.id
        assert all(x in ds.sources for x in s.sources)
    for f in ds.facts:
        assert f.sources, f.id
        assert all(x in ds.sources for x in f.sources)
    for e in ds.events:
        assert e.sources, e.id
    for a in ds.assessments:
        assert a.rationale.strip(), a.id
    for src in ds.sources.values():
        assert src.outlet.strip()
        assert src.url is None or re.match(r"https?://", src.url), src.id


def test_the_articles_statements_are_in(pz: Dataset) -> None:
    said = {
        (s.party, s.date.isoformat(), s.stance.value) for s in pz.statements if "moscow" in s.venues
    }
    assert ("russia", "2025-09-03", "proposes") in said  # Putin, Beijing
    assert ("russia", "2025-09-05", "proposes") in said  # Putin, Vladivostok
    assert ("ukraine", "2025-09-04", "rejects") in said  # Zelensky, Paris
    sybiha = [
        s for s in pz.statements if s.date.isoformat() == "2025-09-03" and s.party == "ukraine"
    ]
    assert any({"vienna", "vatican", "geneva", "istanbul"} <= set(s.venues) for s in sybiha)


def test_later_records_are_in(pz: Dataset) -> None:
    dates = {(s.party, s.date.isoformat()) for s in pz.statements}
    assert ("russia", "2025-09-24") in dates  # Peskov / Lyubinsky on Switzerland and Austria
    assert ("ukraine", "2025-10-17") in dates  # Yermak: anywhere but Russia or Belarus
    assert ("russia", "2026-02-13") in dates  # Peskov on why Geneva was chosen
    assert ("ukraine", "2026-06-04") in dates  # Zelensky's open letter
    events = {(e.venue, e.date.isoformat()[:7]) for e in pz.events}
    assert ("geneva", "2026-02") in events  # trilateral talks in Geneva
    assert ("abu-dhabi", "2026-01") in events  # trilateral talks in Abu Dhabi


def test_icc_dates(pz: Dataset) -> None:
    icc = {f.country: f for f in pz.facts if f.kind.value == "icc_member"}
    assert icc["UA"].valid_from.isoformat() == "2025-01-01"
    assert icc["HU"].valid_until is not None
    assert icc["HU"].valid_until.isoformat() == "2026-06-02"


def test_unverified_items_are_marked_low(pz: Dataset) -> None:
    notes = [f for f in pz.facts if f.kind.value == "note" and f.country == "VA"]
    assert any(f.confidence.value == "low" for f in notes)


@pytest.mark.parametrize("name", [n for n in bundled_cases() if n != "putin-zelensky"])
def test_historical_cases_have_an_outcome_among_their_venues(name: str) -> None:
    ds = load_dataset(bundled_cases()[name])
    assert ds.case.decision_date is not None
    assert ds.outcome is not None
    assert ds.outcome.venue in ds.venues
    assert ds.outcome.sources
    for s in ds.statements:  # only what was known before the choice
        assert s.date < ds.case.decision_date, s.id


def test_at_least_24_historical_cases() -> None:
    assert len(bundled_cases()) - 1 >= 24
