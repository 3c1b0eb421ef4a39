"""Search over every kind of record: exact names first, then full text, then typos.

Any text a person can type is a valid query. The query is never handed to FTS5 as
syntax: it is folded and split into word tokens, and each token is quoted, so
quotes, ``*``, ``-``, ``AND``, ``:``, parentheses and the like are plain text here.
The cost of a search is bounded whatever the size of the database: full-text
candidates are fetched unranked up to a limit, and only those are ranked.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from polyu_tui.data.schema import SEARCH_KINDS
from polyu_tui.data.text import fold, split_cjk

MARK_START = "«"
MARK_END = "»"
MAX_TOKENS = 12
MAX_TOKEN_LENGTH = 48
# Added to a generated record's score on a large database, so that a real record
# (matched by name) ranks above synthetic records with similar names.
SYNTHETIC_PENALTY = 500.0
# How many full-text matches are ranked; beyond this, matches are taken unranked.
CANDIDATE_LIMIT = 400
# Typo-tolerant matching ("closest spelling") joins in only when nothing matched
# as typed: an exact name or acronym ('CAST') is never followed by guesses (Cathay).
FUZZY_CANDIDATE_LIMIT = 2000
FUZZY_RESULTS = 20
# Query words shorter than this are not spelled wrong, only short: they take no part.
FUZZY_MIN_WORD = 3
# How alike a query word and a name word must be (1 - edits / longer length): one edit
# in six letters ('catay', Cathay) is 0.83, two ('mitax', Mitacs) 0.67.
FUZZY_MIN_SIMILARITY = 0.65
# How alike the whole query and a whole name must be, spaces left out ('hongkong').
FUZZY_MIN_WHOLE = 0.8
# Figures, milestones and outcomes repeat the names of what they are about; damp
# their full-text score so the record itself ranks above them.
_SECONDARY_KINDS = ("figure", "milestone", "outcome")
_SECONDARY_DAMPING = 0.5
# Databases this small are fuzzy-matched against every name, not a prefix sample, and
# their full-text candidates are ranked with bm25. Larger ones take the bounded path:
# bm25 reads every posting of every phrase to weigh it (its IDF), and a prefix the FTS
# prefix index does not cover makes FTS5 merge the postings of every matching term,
# both O(matches). There, a last word of such a length is expanded to its most common
# full terms (table search_term), candidates are fetched unranked, and only those are
# ranked, in Python, by where and how the name matches.
SMALL_DATABASE = 5000
# The prefix lengths the FTS index keeps (schema: prefix = '2 3').
PREFIX_INDEX_SIZES = (2, 3)
# How many full terms a prefix expands to, most common first.
MAX_EXPANSION = 24
# How many full-text candidates the bounded path ranks. They come in rowid order, and
# the article's own records have the lowest rowids: the limit decides only which
# generated look-alikes are ranked beside them.
BOUNDED_CANDIDATE_LIMIT = 100
# Tokens of body text a snippet shows.
SNIPPET_TOKENS = 14
# A one-word query this short is typed as an acronym: a record whose name holds it as a
# whole word ranks above one where it is only the start of a word ('AI': edison.ai
# above Cathay Pacific Airways).
ACRONYM_LENGTH = 5
# Organisations listed right after a place that a query names exactly.
LOCATED_THERE = 20
# Full-text passes: the columns searched, the score added, and what a hit is called.
# Names and aliases first; the reference layer's names and keywords like names, but
# called 'reference'; then numbers and years as people type them (42400, 2015: the
# record that happened then before every record that mentions the year); then
# everything else fills what is left.
_PASSES: tuple[tuple[str, float, str], ...] = (
    ("{name aliases}", 0.0, "text"),
    ("{reference}", 0.0, "reference"),
    ("{extra}", 500.0, "text"),
    ("", 1000.0, "text"),
)

# Imported agreements are found too (a user database's): a kind of result, not of record.
AGREEMENT = SEARCH_KINDS[-1]
# Where an agreement ranks among full-text hits: after names (scored near 0 on a small
# database, up to about 400 on a large one), before body text (1000 and up).
AGREEMENT_SCORE = 450.0

_TOKEN = re.compile(r"\w+", re.UNICODE)
_TOKEN_SPLIT = re.compile(r"(\w+)", re.UNICODE)


@dataclass(frozen=True)
class SearchResult:
    kind: str
    id: str
    name: str
    snippet: str
    sources: list[str] = field(default_factory=list)
    match: str = "text"  # exact | text | reference | fuzzy
    category: str | None = None
    synthetic: bool = False
    country: str | None = None  # an organisation's country or region
    country_provenance: str | None = None  # article, reference, synthetic or imported

    @property
    def ref(self) -> str:
        """What `polyu-tui show` takes: kind/id."""
        return self.id if self.id.startswith(f"{self.kind}/") else f"{self.kind}/{self.id}"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "snippet": self.snippet,
            "source": self.sources,
            "match": self.match,
            "category": self.category,
            "synthetic": self.synthetic,
            "country": self.country,
            "country_provenance": self.country_provenance,
        }


def valid_text(text: str) -> str:
    """Bytes that were not UTF-8 arrive as lone surrogates, which SQLite cannot bind."""
    return text.encode("utf-8", "replace").decode("utf-8")


def tokens(query: str) -> list[str]:
    """The word tokens of a query, folded, bounded in number and length."""
    query = valid_text(query)
    found = _TOKEN.findall(fold(query[: MAX_TOKENS * (MAX_TOKEN_LENGTH + 8)]))
    # A CJK run is searched as its character pairs, as names are indexed (name_terms).
    terms = [term for token in found[:MAX_TOKENS] for term in split_cjk(token)]
    return [term[:MAX_TOKEN_LENGTH] for term in terms[:MAX_TOKENS]]


def match_expression(words: Sequence[str], *, prefix_last: bool = True) -> str:
    """A safe FTS5 expression: every token quoted, the last one a prefix."""
    parts = [f'"{word}"' for word in words]
    if prefix_last and parts:
        parts[-1] += "*"
    return " ".join(parts)


def _kind_filter(kinds: Iterable[str] | None) -> list[str]:
    if not kinds:
        return []
    return [kind for kind in kinds if kind in SEARCH_KINDS]


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    limit: int = 20,
) -> list[SearchResult]:
    """Best matches for ``query``, best first. Never raises on any query text."""
    return search_page(conn, query, kinds=kinds, limit=limit).results


@dataclass(frozen=True)
class SearchPage:
    """The best ``limit`` matches, and how many records matched in all."""

    results: list[SearchResult]
    total: int
    # The candidates were cut at CANDIDATE_LIMIT (BOUNDED_CANDIDATE_LIMIT on a large
    # database): at least ``total`` records match.
    at_least: bool = False


def search_page(
    conn: sqlite3.Connection,
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    limit: int = 20,
) -> SearchPage:
    """search(), with the number of records that matched (for "20 of 49")."""
    query = valid_text(query)
    limit = max(0, min(int(limit), 500))
    words = tokens(query)
    if not words or limit == 0:
        return SearchPage([], 0)
    wanted_kinds = _kind_filter(kinds)
    if kinds and not wanted_kinds:
        return SearchPage([], 0)

    ranked: dict[int, tuple[float, ...]] = {}
    how: dict[int, str] = {}
    large = _is_large(conn)

    for rowid, provenance in _exact(conn, " ".join(words), fold(query), wanted_kinds):
        ranked[rowid] = (0.0, 0.0)
        how[rowid] = "reference" if provenance == "reference" else "exact"
    # A place named exactly, then the organisations located there.
    for position, rowid in enumerate(_located_at(conn, list(ranked), wanted_kinds)):
        if rowid not in ranked:
            ranked[rowid] = (0.5, float(position))
            how[rowid] = "text"

    full_text = _full_text_bounded if large else _full_text
    candidates = full_text(conn, words, wanted_kinds)
    cut = len(candidates) >= (BOUNDED_CANDIDATE_LIMIT if large else CANDIDATE_LIMIT)
    whole = _whole_word_names(conn, words, [rowid for rowid, _s, _h in candidates])
    for rowid, score, hit in candidates:
        if rowid not in ranked:
            ranked[rowid] = (1.0, 0.0 if rowid in whole else 1.0, score)
            how[rowid] = hit

    if not wanted_kinds or AGREEMENT in wanted_kinds:
        # Imported agreements, after the records named so and before those that only
        # mention the words. Keyed by their negated rowid: entity rowids are positive.
        from polyu_tui.data.agreements.find import find_agreements

        agreement_limit = BOUNDED_CANDIDATE_LIMIT if large else CANDIDATE_LIMIT
        found = find_agreements(conn, words, agreement_limit)
        cut = cut or len(found) >= agreement_limit
        for position, rowid in enumerate(found):
            ranked[-rowid] = (1.0, 1.0, AGREEMENT_SCORE + position / agreement_limit)
            how[-rowid] = "text"

    if not ranked:
        for rowid, score in _fuzzy(conn, words, wanted_kinds):
            ranked[rowid] = (2.0, -score)
            how[rowid] = "fuzzy"

    best = sorted(ranked, key=lambda rowid: (*ranked[rowid], rowid))[:limit]
    return SearchPage(_results(conn, best, how, words, large=large), len(ranked), cut)


def _is_large(conn: sqlite3.Connection) -> bool:
    """More records than SMALL_DATABASE, and the term table to search them with."""
    total = conn.execute("SELECT max(rowid) FROM entity").fetchone()[0] or 0
    if total <= SMALL_DATABASE:
        return False
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_term'"
    ).fetchone()
    return found is not None


def _expand(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """The most common full-text terms starting with ``prefix``, most common first."""
    if len(prefix) == 1:
        rows = conn.execute(
            "SELECT term FROM search_term WHERE substr(term, 1, 1) = ? ORDER BY docs DESC LIMIT ?",
            (prefix, MAX_EXPANSION),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT term FROM search_term WHERE term >= ? AND term < ? ORDER BY docs DESC LIMIT ?",
            (prefix, prefix + "\U0010ffff", MAX_EXPANSION),
        ).fetchall()
    return [str(row[0]) for row in rows]


def _bounded_expression(conn: sqlite3.Connection, words: Sequence[str]) -> str | None:
    """Like match_expression, with a last word the prefix index lacks expanded to terms.

    None when no term starts with the last word (nothing can match).
    """
    *head, last = words
    parts = [f'"{word}"' for word in head]
    if len(last) in PREFIX_INDEX_SIZES:
        parts.append(f'"{last}"*')
    else:
        terms = [term for term in _expand(conn, last) if '"' not in term]
        if not terms:
            return None
        parts.append("(" + " OR ".join(f'"{term}"' for term in terms) + ")")
    return " AND ".join(parts)


def _passes(words: Sequence[str]) -> tuple[tuple[str, float, str], ...]:
    """The full-text passes for a query; a number typed alone looks in numbers first."""
    if len(words) == 1 and words[0].isdigit():
        rest = ((c, max(penalty, 500.0), hit) for c, penalty, hit in _PASSES if c != "{extra}")
        return (("{extra}", 0.0, "text"), *rest)
    return _PASSES


def _located_at(conn: sqlite3.Connection, rowids: list[int], wanted_kinds: list[str]) -> list[int]:
    """Organisations located in the places among ``rowids`` (article or reference links)."""
    if wanted_kinds and "organisation" not in wanted_kinds:
        return []
    found: list[int] = []
    for rowid in rowids:
        rows = conn.execute(
            "SELECT o.rowid FROM entity p JOIN link l ON l.dst_id = p.id "
            "AND l.rel = 'located_in' JOIN entity o ON o.id = l.src_id "
            "WHERE p.rowid = ? AND p.kind = 'place' AND o.kind = 'organisation' "
            "ORDER BY o.synthetic, o.name_fold LIMIT ?",
            (rowid, LOCATED_THERE),
        ).fetchall()
        found += [int(row[0]) for row in rows]
    return found


def _whole_word_names(conn: sqlite3.Connection, words: list[str], rowids: list[int]) -> set[int]:
    """Records whose name or alias holds a short one-word query as a whole word.

    The full-text index answers it: the word quoted without a prefix star matches only
    whole tokens, so this is one bounded index lookup, not a read of every candidate.
    """
    if len(words) != 1 or len(words[0]) > ACRONYM_LENGTH or words[0].isdigit() or not rowids:
        return set()
    rows = conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?",
        (_in_columns("{name aliases}", f'"{words[0]}"', ""), CANDIDATE_LIMIT),
    ).fetchall()
    return {int(row[0]) for row in rows} & set(rowids)


def _full_text_bounded(
    conn: sqlite3.Connection, words: list[str], wanted_kinds: list[str]
) -> list[tuple[int, float, str]]:
    """Full-text candidates on a large database: unranked, bounded, then scored here."""
    expression = _bounded_expression(conn, words)
    if expression is None:
        return []
    kind_part = _fts_kind_filter(wanted_kinds)
    joined = " ".join(words)
    scored: dict[int, float] = {}
    hits: dict[int, str] = {}
    for column_filter, penalty, hit in _passes(words):
        if len(scored) >= BOUNDED_CANDIDATE_LIMIT:
            break
        match = _in_columns(column_filter, expression, kind_part)
        rows = conn.execute(
            "SELECT s.rowid, e.name_fold, e.kind, e.synthetic FROM search_index s "
            "JOIN entity e ON e.rowid = s.rowid WHERE search_index MATCH ? LIMIT ?",
            (match, BOUNDED_CANDIDATE_LIMIT - len(scored)),
        ).fetchall()
        for rowid, name_fold, kind, synthetic in rows:
            if rowid in scored:
                continue
            # A name that starts with what was typed first, then shorter names first.
            score = penalty + (0.0 if name_fold.startswith(joined) else 200.0)
            score += min(len(name_fold), 199)
            if kind in _SECONDARY_KINDS:
                score += 400.0
            if synthetic:
                # The article's own records before generated look-alikes of them.
                score += SYNTHETIC_PENALTY
            scored[int(rowid)] = score
            hits[int(rowid)] = hit
    return sorted(((r, s, hits[r]) for r, s in scored.items()), key=lambda item: item[1])


def _fts_kind_filter(wanted_kinds: list[str]) -> str:
    """' AND kind:("alliance" OR ...)' for an FTS5 expression, or nothing."""
    if not wanted_kinds:
        return ""
    return " AND kind:(" + " OR ".join(f'"{kind}"' for kind in wanted_kinds) + ")"


def _in_columns(column_filter: str, expression: str, kind_part: str) -> str:
    """The expression limited to some columns ('{name aliases}'), or to all with ''."""
    prefix = f"{column_filter}: " if column_filter else ""
    return f"{prefix}({expression}){kind_part}"


def _kind_sql(wanted_kinds: list[str], column: str = "kind") -> tuple[str, list[str]]:
    if not wanted_kinds:
        return "", []
    marks = ", ".join("?" for _ in wanted_kinds)
    return f" AND {column} IN ({marks})", list(wanted_kinds)


def _exact(
    conn: sqlite3.Connection, joined: str, folded: str, wanted_kinds: list[str]
) -> list[tuple[int, str]]:
    """(rowid, 'article' or 'reference') of records named or aliased exactly so."""
    keys = list(dict.fromkeys(k for k in (folded.strip(), joined) if k))
    marks = ", ".join("?" for _ in keys)
    kind_sql, kind_args = _kind_sql(wanted_kinds, "e.kind")
    rows = conn.execute(
        f"SELECT e.rowid, 'article' FROM entity e WHERE e.name_fold IN ({marks}){kind_sql} "
        f"UNION SELECT e.rowid, a.provenance FROM alias a JOIN entity e ON e.id = a.entity_id "
        f"WHERE a.alias_fold IN ({marks}){kind_sql} LIMIT 50",
        [*keys, *kind_args, *keys, *kind_args],
    ).fetchall()
    # An article name wins over a reference one for the same record.
    found: dict[int, str] = {}
    for rowid, provenance in sorted(rows, key=lambda row: (row[0], row[1] != "article")):
        found.setdefault(int(rowid), str(provenance))
    return sorted(found.items())


def _full_text(
    conn: sqlite3.Connection, words: list[str], wanted_kinds: list[str]
) -> list[tuple[int, float, str]]:
    expression = match_expression(words)
    kind_part = _fts_kind_filter(wanted_kinds)
    scored: dict[int, tuple[float, str]] = {}
    # Matches in a name or alias first; the body only fills what is left.
    for column_filter, penalty, hit in _passes(words):
        if len(scored) >= CANDIDATE_LIMIT:
            break
        match = _in_columns(column_filter, expression, kind_part)
        rows = conn.execute(
            "SELECT rowid, bm25(search_index, 10.0, 6.0, 1.0, 0.0, 6.0, 2.0), kind "
            "FROM search_index WHERE search_index MATCH ? LIMIT ?",
            (match, CANDIDATE_LIMIT - len(scored)),
        ).fetchall()
        for rowid, score, kind in rows:
            damping = _SECONDARY_DAMPING if kind in _SECONDARY_KINDS else 1.0
            scored.setdefault(int(rowid), (float(score) * damping + penalty, hit))
    return sorted(((r, s, h) for r, (s, h) in scored.items()), key=lambda item: item[1])


def _fuzzy(
    conn: sqlite3.Connection, words: list[str], wanted_kinds: list[str]
) -> list[tuple[int, float]]:
    """Records whose names are a close spelling of the query, closest first.

    Word by word: every query word of FUZZY_MIN_WORD or more letters must be within
    a few edits (a transposition is one) of a word of the name or an alias, measured
    against the longer of the two, so a short name never wins on a fragment ('marylnd'
    is Maryland, not Mars). Words too short to misspell are left out; a query of only
    such words has no close spellings ('a OR b'), and in a longer query each must
    start a word of the name as typed. The whole name is compared too, for words run
    together ('hongkong').
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA  # deferred: only typos need it

    long_words = [word for word in words if len(word) >= FUZZY_MIN_WORD]
    short_words = tuple(word for word in words if len(word) < FUZZY_MIN_WORD)
    if not long_words:
        return []
    kind_sql, kind_args = _kind_sql(wanted_kinds, "e.kind")
    total = conn.execute("SELECT max(rowid) FROM entity").fetchone()[0] or 0
    if total <= SMALL_DATABASE:
        rows = conn.execute(
            f"SELECT e.rowid, e.name_fold FROM entity e WHERE 1{kind_sql} "
            f"UNION ALL SELECT e.rowid, a.alias_fold FROM alias a "
            f"JOIN entity e ON e.id = a.entity_id WHERE 1{kind_sql}",
            [*kind_args, *kind_args],
        ).fetchall()
    else:
        # A bounded sample: records with a word starting like one of the query's words.
        heads = [f'"{word[:2]}"*' for word in long_words]
        # The kind filter goes inside the match, so a rare kind is not a long scan.
        match = _in_columns("{name aliases}", " OR ".join(heads), _fts_kind_filter(wanted_kinds))
        rows = conn.execute(
            "SELECT e.rowid, e.name_fold FROM search_index s JOIN entity e ON e.rowid = s.rowid "
            "WHERE search_index MATCH ? LIMIT ?",
            (match, FUZZY_CANDIDATE_LIMIT),
        ).fetchall()
    if not rows:
        return []
    names = [str(row[1]) for row in rows]
    split = [_TOKEN.findall(name) for name in names]
    vocabulary = list({word for name_words in split for word in name_words})
    # For each query word, how close each name word is (the C loop of rapidfuzz).
    close = [
        {
            vocabulary[index]: float(score)
            for _w, score, index in process.extract(
                word,
                vocabulary,
                scorer=OSA.normalized_similarity,
                score_cutoff=FUZZY_MIN_SIMILARITY,
                limit=None,
            )
        }
        for word in long_words
    ]
    joined = "".join(long_words)
    best: dict[int, float] = {}
    for (rowid, _name), name, name_words in zip(rows, names, split, strict=True):
        if short_words and not all(
            any(w.startswith(short) for w in name_words) for short in short_words
        ):
            continue
        per_word = [max((c.get(w, 0.0) for w in name_words), default=0.0) for c in close]
        score = sum(per_word) / len(per_word) if min(per_word) > 0.0 else 0.0
        whole = OSA.normalized_similarity(joined, name.replace(" ", ""))
        score = max(score, whole if whole >= FUZZY_MIN_WHOLE else 0.0)
        if score > 0.0:
            best[int(rowid)] = max(best.get(int(rowid), 0.0), score)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:FUZZY_RESULTS]


def _results(
    conn: sqlite3.Connection,
    rowids: list[int],
    how: dict[int, str],
    words: list[str],
    *,
    large: bool = False,
) -> list[SearchResult]:
    if not rowids:
        return []
    order = rowids
    agreements = _agreement_results(conn, [-rowid for rowid in rowids if rowid < 0], words)
    rowids = [rowid for rowid in rowids if rowid > 0]
    marks = ", ".join("?" for _ in rowids)
    entities = {
        int(row[0]): row
        for row in conn.execute(
            f"SELECT rowid, kind, id, name, summary, sources, category, synthetic "
            f"FROM entity WHERE rowid IN ({marks})",
            rowids,
        )
    }
    organisations = [str(row[2]) for row in entities.values() if row[1] == "organisation"]
    countries = _countries(conn, organisations)
    snippets: dict[int, str] = {}
    text_rows = [rowid for rowid in rowids if how[rowid] not in ("fuzzy", "reference")]
    reference_rows = [rowid for rowid in rowids if how[rowid] == "reference"]
    if reference_rows:
        # A reference hit shows the reference names or keywords it was found by.
        snippets.update(_column_snippets(conn, reference_rows, words, column="reference"))
    if text_rows:
        text_marks = ", ".join("?" for _ in text_rows)
        expression = " OR ".join(f'"{word}"*' for word in words)
        # The body (description, places, linked names) gives context; the name alone
        # would only repeat the title, so a record matched by name shows its summary.
        if large:
            snippets = _body_snippets(conn, text_rows, words)
        else:
            for rowid, snippet in conn.execute(
                f"SELECT rowid, snippet(search_index, 2, ?, ?, '…', {SNIPPET_TOKENS}) "
                f"FROM search_index WHERE search_index MATCH ? AND rowid IN ({text_marks})",
                (MARK_START, MARK_END, expression, *text_rows),
            ):
                if MARK_START in str(snippet):
                    snippets[int(rowid)] = str(snippet)
    results = []
    for rowid in order:
        if rowid < 0:
            if -rowid in agreements:
                results.append(agreements[-rowid])
            continue
        row = entities.get(rowid)
        if row is None:
            continue
        snippet = snippets.get(rowid) or _plain_snippet(str(row[4] or row[3]))
        results.append(
            SearchResult(
                kind=str(row[1]),
                id=str(row[2]),
                name=str(row[3]),
                snippet=" ".join(snippet.split()),
                sources=list(json.loads(row[5])),
                match=how[rowid],
                category=row[6],
                synthetic=bool(row[7]),
                country=countries.get(str(row[2]), ("", ""))[0] or None,
                country_provenance=countries.get(str(row[2]), ("", ""))[1] or None,
            )
        )
    return results


def _agreement_results(
    conn: sqlite3.Connection, rowids: list[int], words: list[str]
) -> dict[int, SearchResult]:
    """Agreements as results: named as their record is, the words marked in what they
    were found by; never their contacts or notes."""
    if not rowids:
        return {}
    import datetime as dt

    from polyu_tui.data.agreements.find import agreement_hits

    synthetic = conn.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone()
    hits = agreement_hits(conn, rowids, today=dt.date.today().isoformat())
    return {
        rowid: SearchResult(
            kind=AGREEMENT,
            id=hit.id,
            name=hit.name,
            snippet=_marked_snippet(hit.text, tuple(words)) or hit.text,
            sources=[],
            match="text",
            category=hit.agreement_type,
            synthetic=synthetic is not None and synthetic[0] == "1",
            country=hit.country or None,
            country_provenance="imported" if hit.country else None,
        )
        for rowid, hit in hits.items()
    }


def _countries(conn: sqlite3.Connection, organisation_ids: list[str]) -> dict[str, tuple[str, str]]:
    """(country or region, where it comes from) of each organisation that has one."""
    if not organisation_ids:
        return {}
    marks = ", ".join("?" for _ in organisation_ids)
    rows = conn.execute(
        f"SELECT id, country, country_provenance FROM organisation WHERE id IN ({marks})",
        organisation_ids,
    ).fetchall()
    return {
        str(rid): (str(country), str(provenance or "imported"))
        for rid, country, provenance in rows
        if country
    }


def _column_snippets(
    conn: sqlite3.Connection, rowids: list[int], words: list[str], *, column: str
) -> dict[int, str]:
    marks = ", ".join("?" for _ in rowids)
    found: dict[int, str] = {}
    for rowid, text in conn.execute(
        f"SELECT rowid, [{column}] FROM search_index WHERE rowid IN ({marks})", rowids
    ):
        snippet = _marked_snippet(str(text or ""), tuple(words))
        if snippet:
            found[int(rowid)] = snippet
    return found


def _body_snippets(conn: sqlite3.Connection, rowids: list[int], words: list[str]) -> dict[int, str]:
    """Snippets of these rows' bodies, made here rather than by FTS5's snippet().

    snippet() over ``rowid IN (...)`` sets the whole MATCH up again for every rowid,
    which on a large database costs more than finding the results. The shape is the
    same: up to SNIPPET_TOKENS tokens around the most matches, '…' where the text is
    cut, every word that starts like a query word marked.
    """
    marks = ", ".join("?" for _ in rowids)
    found: dict[int, str] = {}
    for rowid, body in conn.execute(
        f"SELECT rowid, body FROM search_index WHERE rowid IN ({marks})", rowids
    ):
        snippet = _marked_snippet(str(body or ""), tuple(words))
        if snippet:
            found[int(rowid)] = snippet
    return found


def _marked_snippet(text: str, prefixes: tuple[str, ...]) -> str:
    # [text before the first word, word, text between, word, ..., text after the last].
    pieces = _TOKEN_SPLIT.split(text)
    words = pieces[1::2]
    if text.isascii():
        # Folding ASCII is lower-casing.
        hits = [index for index, word in enumerate(words) if word.lower().startswith(prefixes)]
    else:
        hits = [
            index
            for index, word in enumerate(words)
            if (word.lower() if word.isascii() else fold(word)).startswith(prefixes)
        ]
    if not hits:
        return ""
    size = SNIPPET_TOKENS
    count = len(words)
    # The window holding the most matches (the earliest of equals), centred on them.
    first = (
        hits[0]
        if len(hits) == 1
        else max(hits, key=lambda h: (sum(h <= x < h + size for x in hits), -h))
    )
    inside = [x for x in hits if first <= x < first + size]
    spread = inside[-1] - inside[0] + 1
    begin = max(0, min(inside[0] - (size - spread) // 2, count - size))
    stop = min(count, begin + size)
    marked = set(hits)
    parts = ["…"] if begin > 0 else [pieces[0]]
    for index in range(begin, stop):
        if index > begin:
            parts.append(pieces[2 * index])
        word = words[index]
        parts.append(f"{MARK_START}{word}{MARK_END}" if index in marked else word)
    parts.append("…" if stop < count else pieces[-1])
    return "".join(parts)


def _plain_snippet(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
