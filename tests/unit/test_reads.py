"""What the screens read: a record's detail, and the partners list with its filter and facets."""

from __future__ import annotations

import sqlite3

import pytest

from polyu_tui.data.detail import Detail, get_detail
from polyu_tui.data.partners import (
    PartnerQuery,
    count_partners,
    partner_facets,
    partner_view,
    partner_window,
)
from polyu_tui.data.text import fold


def detail_of(conn: sqlite3.Connection, record_id: str) -> Detail:
    detail = get_detail(conn, record_id)
    assert detail is not None, record_id
    return detail


def group(detail: Detail, heading: str) -> list[str]:
    for link_group in detail.links:
        if link_group.heading == heading:
            return [record.id for record in link_group.records]
    raise AssertionError(f"{detail.id} has no {heading!r} links: {detail.links}")


def all_partners(conn: sqlite3.Connection, query: PartnerQuery) -> list[str]:
    return [row.id for row in partner_window(conn, query, 0, 10_000)]


# ------------------------------------------------------------------ the detail panel


@pytest.mark.parametrize(
    ("record_id", "kind", "name"),
    [
        ("waterloo", "organisation", "University of Waterloo"),
        ("uasr", "alliance", "University Alliance of the Silk Road"),
        ("cevr", "research", "Centre for Eye and Vision Research"),
        ("sl-rwanda", "programme", None),
        ("canada", "place", "Canada"),
    ],
)
def test_detail_has_fields_links_and_sources(
    conn: sqlite3.Connection, record_id: str, kind: str, name: str | None
) -> None:
    (document,) = conn.execute("SELECT text FROM document").fetchone()
    detail = detail_of(conn, record_id)
    assert (detail.id, detail.kind) == (record_id, kind)
    if name is not None:
        assert detail.name == name
    assert detail.name
    fields = dict(detail.fields)
    assert fields["Kind"] == kind.capitalize()
    assert all(value for _label, value in detail.fields), "empty fields are left out"
    assert detail.links, f"{record_id} links to nothing"
    for link_group in detail.links:
        assert link_group.heading
        assert link_group.records
        names = [fold(record.name) for record in link_group.records]
        assert names == sorted(names), "linked records are listed by name"
    assert detail.sources
    assert all(quote in document for quote in detail.sources)


def test_unknown_record_has_no_detail(conn: sqlite3.Connection) -> None:
    assert get_detail(conn, "no-such-record") is None
    assert get_detail(conn, "") is None


def test_organisation_detail(conn: sqlite3.Connection) -> None:
    detail = detail_of(conn, "waterloo")
    fields = dict(detail.fields)
    assert fields["Type"] == "University"
    assert fields["Country or region"] == "Canada"
    assert "CEVR" in fields["Partnership"]
    assert group(detail, "Located in") == ["canada"]
    assert group(detail, "Includes") == ["win"], "WIN is part of UW"
    win = detail_of(conn, "win")
    assert group(win, "Part of") == ["waterloo"]


def test_research_detail(conn: sqlite3.Connection) -> None:
    detail = detail_of(conn, "cevr")
    assert detail.acronym == "CEVR"
    assert group(detail, "Partners") == ["waterloo"]
    assert group(detail, "Located in") == ["hong-kong-science-park"]
    assert group(detail, "Funded by") == ["innohk"]


def test_programme_detail(conn: sqlite3.Connection) -> None:
    detail = detail_of(conn, "sl-rwanda")
    assert "rwanda" in group(detail, "Destinations")
    outcomes = group(detail, "Outcomes")
    assert outcomes, "the Rwanda programme lists its outcomes"
    for outcome_id in outcomes:
        assert detail_of(conn, outcome_id).kind == "outcome"


def test_place_lists_the_organisations_there(conn: sqlite3.Connection) -> None:
    detail = detail_of(conn, "canada")
    here = group(detail, "Organisations here")
    assert {"waterloo", "win"} <= set(here)
    # The article's place, or the reference layer's country (Mitacs, in Vancouver).
    in_sql = {
        row[0]
        for row in conn.execute(
            "SELECT src_id FROM link WHERE rel = 'located_in' AND dst_id = 'canada'"
        )
    }
    assert set(here) == in_sql
    assert "mitacs" in in_sql


def test_alliance_detail_has_its_figures_and_milestones(conn: sqlite3.Connection) -> None:
    detail = detail_of(conn, "uasr")
    assert group(detail, "Co-founded with") == ["xjtu"]
    assert group(detail, "Figures")
    assert group(detail, "Milestones")


# ------------------------------------------------------------------ the partners list


def test_polyu_itself_is_not_a_partner(conn: sqlite3.Connection) -> None:
    everyone = all_partners(conn, PartnerQuery())
    assert "polyu" not in everyone
    (polyu_units,) = conn.execute(
        "SELECT count(*) FROM organisation WHERE kind = 'polyu'"
    ).fetchone()
    assert polyu_units >= 1
    assert count_partners(conn, PartnerQuery()) == len(everyone)
    assert count_partners(conn, PartnerQuery(include_polyu=True)) == len(everyone) + polyu_units
    assert all(row.kind != "polyu" for row in partner_window(conn, PartnerQuery(), 0, 1000))
    assert "polyu" not in all_partners(conn, PartnerQuery(text="polytechnic"))
    assert "polyu" not in all_partners(conn, PartnerQuery(text="Hong Kong"))


def test_filter_text_narrows(conn: sqlite3.Connection) -> None:
    everyone = count_partners(conn, PartnerQuery())
    assert everyone > 10
    waterloo = PartnerQuery(text="waterloo")
    assert set(all_partners(conn, waterloo)) == {"waterloo", "win"}
    assert count_partners(conn, waterloo) == 2
    assert count_partners(conn, PartnerQuery(text="waterl")) == 2, "a prefix filters too"
    assert count_partners(conn, PartnerQuery(text="WATERLOO")) == 2
    assert count_partners(conn, PartnerQuery(text="university")) < everyone
    assert count_partners(conn, PartnerQuery(text="qqqzzz")) == 0
    assert partner_window(conn, PartnerQuery(text="qqqzzz"), 0, 50) == []


@pytest.mark.parametrize("text", ["uk", "UK", "united kingdom", "U.K.", "Britain"])
def test_filter_text_naming_a_country_finds_its_partners(
    conn: sqlite3.Connection, text: str
) -> None:
    """A country as people type it finds the partners there, as global search does."""
    query = PartnerQuery(text=text)
    assert "rca" in all_partners(conn, query), "the Royal College of Art is in the U.K."
    assert count_partners(conn, query) == len(all_partners(conn, query))
    assert partner_window(conn, query, 0, 50)
    # The facets count the same rows the table shows.
    facets = partner_facets(conn, query, top=1000)
    assert sum(n for _kind, n in facets.kinds) == count_partners(conn, query)
    assert dict(facets.countries)["U.K."] >= 1


def test_filter_text_naming_a_country_also_matches_names(conn: sqlite3.Connection) -> None:
    china = set(all_partners(conn, PartnerQuery(text="china")))
    # Shanghai Silk Group is in Mainland China; the China Academy of Space Technology
    # says China in its name and gives no country.
    assert {"shanghai-silk-group", "cast"} <= china


@pytest.mark.parametrize("text", ['"', "*", "-", "NOT", "AND (", "Xi'an", "🎉", "香港", ""])
def test_filter_text_is_plain_text(conn: sqlite3.Connection, text: str) -> None:
    query = PartnerQuery(text=text)
    assert count_partners(conn, query) == len(all_partners(conn, query))
    partner_facets(conn, query)


def test_sort_by_name(conn: sqlite3.Connection) -> None:
    rows = partner_window(conn, PartnerQuery(sort="name"), 0, 1000)
    names = [fold(row.name) for row in rows]
    assert names == sorted(names)
    down = partner_window(conn, PartnerQuery(sort="name", descending=True), 0, 1000)
    assert [row.id for row in down] == [row.id for row in reversed(rows)]


def test_sort_by_country(conn: sqlite3.Connection) -> None:
    rows = partner_window(conn, PartnerQuery(sort="country"), 0, 1000)
    keys = [fold(row.country) for row in rows]
    assert keys == sorted(keys)


def test_window_pages_through_the_list(conn: sqlite3.Connection) -> None:
    query = PartnerQuery()
    whole = all_partners(conn, query)
    pages = [
        row.id
        for offset in range(0, len(whole), 5)
        for row in partner_window(conn, query, offset, 5)
    ]
    assert pages == whole
    assert partner_window(conn, query, len(whole), 5) == []


def test_kind_filter(conn: sqlite3.Connection) -> None:
    universities = partner_window(conn, PartnerQuery(kind="university"), 0, 1000)
    assert universities
    assert {row.kind for row in universities} == {"university"}
    assert "waterloo" in {row.id for row in universities}
    assert count_partners(conn, PartnerQuery(kind="university")) < count_partners(
        conn, PartnerQuery()
    )


def test_country_filter(conn: sqlite3.Connection) -> None:
    in_canada = partner_window(conn, PartnerQuery(country="Canada"), 0, 1000)
    assert {row.id for row in in_canada} >= {"waterloo", "win"}
    assert {row.country for row in in_canada} == {"Canada"}
    nano_in_canada = set(all_partners(conn, PartnerQuery(text="nano", country="Canada")))
    assert "win" in nano_in_canada
    assert nano_in_canada <= {row.id for row in in_canada}
    assert all_partners(conn, PartnerQuery(text="waterloo", country="Japan")) == []


@pytest.mark.parametrize(
    "query",
    [
        PartnerQuery(),
        PartnerQuery(text="university"),
        PartnerQuery(kind="university"),
        PartnerQuery(country="Canada"),
        PartnerQuery(relation="research"),
        PartnerQuery(text="waterloo", kind="university"),
    ],
    ids=["all", "text", "kind", "country", "relation", "text+kind"],
)
def test_facet_counts_add_up_to_the_count(conn: sqlite3.Connection, query: PartnerQuery) -> None:
    facets = partner_facets(conn, query, top=1000)
    total = count_partners(conn, query)
    # A facet counts the rows the *other* filters leave, so with its own filter
    # dropped it adds up to that wider count; with none set, to the count itself.
    kinds_total = count_partners(
        conn, PartnerQuery(query.text, None, query.country, query.relation)
    )
    countries_total = count_partners(
        conn, PartnerQuery(query.text, query.kind, None, query.relation)
    )
    assert sum(n for _kind, n in facets.kinds) == kinds_total
    assert sum(n for _country, n in facets.countries) == countries_total
    if query.kind:
        assert dict(facets.kinds)[query.kind] == total
    if query.country:
        assert dict(facets.countries)[query.country] == total
    if query.relation:
        assert dict(facets.relations)[query.relation] == total
    assert "polyu" not in dict(facets.kinds)
    assert all(n > 0 for _value, n in [*facets.kinds, *facets.countries, *facets.relations])


def test_relation_filter(conn: sqlite3.Connection) -> None:
    research = all_partners(conn, PartnerQuery(relation="research"))
    assert "waterloo" in research
    assert count_partners(conn, PartnerQuery(relation="research")) == len(research)
    assert len(research) < count_partners(conn, PartnerQuery())


def test_lists_keep_the_articles_order_where_it_ranks(conn: sqlite3.Connection) -> None:
    # "the top three outbound exchange destinations were the U.K., Mainland China and
    # Sweden": a ranking, so not alphabetical.
    from polyu_tui.data.lists import linked

    ids = [row["id"] for row in linked(conn, "student-exchange", "destination")]
    assert ids == ["uk", "mainland-china", "sweden"]
    assert group(detail_of(conn, "student-exchange"), "Destinations") == ids


def test_places_are_called_countries_or_regions_as_the_article_does(
    conn: sqlite3.Connection,
) -> None:
    for place in ("hong-kong", "taiwan", "canada"):
        assert dict(detail_of(conn, place).fields)["Type"] == "Country or region"
    assert dict(detail_of(conn, "aidlab").fields)["Type"] == "InnoHK centre"


@pytest.mark.parametrize("page_size", [5, 7, 10, 100])
def test_a_partner_view_holds_the_first_rows_and_a_screenful_at_the_end(
    conn: sqlite3.Connection, page_size: int
) -> None:
    query = PartnerQuery()
    everything = all_partners(conn, query)
    view = partner_view(conn, query, page_size=page_size, with_facets=True)
    assert view.count == len(everything) == 24
    by_row = {
        page * page_size + offset: row.id
        for page, rows in view.pages.items()
        for offset, row in enumerate(rows)
    }
    wanted = set(range(min(page_size, 24))) | set(range(max(0, 24 - page_size), 24))
    assert wanted <= set(by_row), "the first rows and the last page_size rows"
    assert all(everything[index] == record_id for index, record_id in by_row.items())
    assert len(view.pages) <= 3, "at most the first page and two at the end"
    assert view.facets == partner_facets(conn, query)
