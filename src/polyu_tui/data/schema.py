"""The database schema. Its version lives in ``PRAGMA user_version``."""

from __future__ import annotations

# 2: link.ord, partner_order, partner_count and search_term.
# 3: the reference layer: reference_fact; provenance on alias and link; where places
#    and organisations are (ISO code, city, point); search_index.reference and .extra.
SCHEMA_VERSION = 3
# 'PolU' in ASCII: marks a file as a polyu-tui database (PRAGMA application_id).
APPLICATION_ID = 0x506F6C55

# Every kind of record the database holds, in the order the UI lists them.
KINDS: tuple[str, ...] = (
    "organisation",
    "alliance",
    "research",
    "programme",
    "place",
    "figure",
    "milestone",
    "outcome",
)
# What search finds: every kind of record, and imported agreements (a user database's).
SEARCH_KINDS: tuple[str, ...] = (*KINDS, "agreement")

DDL = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The source document, kept whole so every quote can be checked against it.
CREATE TABLE document (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    text TEXT NOT NULL
);

-- One row per record of every kind: what search, links and the detail panel share.
CREATE TABLE entity (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    acronym TEXT,
    category TEXT,
    summary TEXT,
    sources TEXT NOT NULL,          -- JSON list of verbatim sentences
    synthetic INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entity_kind_name ON entity(kind, name_fold);
CREATE INDEX entity_name_fold ON entity(name_fold);

-- Names people type besides the official one: acronyms, short names, spellings.
-- provenance 'reference': from the reference layer (a common acronym, a former name,
-- a topic keyword), listed with its reference in reference_fact.
CREATE TABLE alias (
    entity_id TEXT NOT NULL REFERENCES entity(id),
    alias TEXT NOT NULL,
    alias_fold TEXT NOT NULL,
    provenance TEXT NOT NULL DEFAULT 'article',
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX alias_fold ON alias(alias_fold);

-- iso_code, lat, lon: reference facts (ISO 3166-1; a representative point).
CREATE TABLE place (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES place(id),
    iso_code TEXT,
    lat REAL,
    lon REAL
);

CREATE TABLE organisation (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE REFERENCES entity(id),
    name TEXT NOT NULL,
    name_fold TEXT NOT NULL,
    acronym TEXT,
    kind TEXT NOT NULL,
    place_id TEXT REFERENCES place(id),
    country TEXT NOT NULL DEFAULT '',  -- the place's name, kept here so sorting needs no join
    country_fold TEXT NOT NULL DEFAULT '',
    -- Where the country comes from: 'article' (its place), 'reference' (reference layer),
    -- 'synthetic', or '' (none). Code, city and point are reference facts.
    country_provenance TEXT NOT NULL DEFAULT '',
    kind_provenance TEXT NOT NULL DEFAULT 'article',  -- 'reference' where the article gives no type
    country_code TEXT,
    city TEXT,
    lat REAL,
    lon REAL,
    parent_id TEXT REFERENCES organisation(id),
    relationship TEXT NOT NULL DEFAULT '',
    description TEXT,
    synthetic INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX organisation_name ON organisation(name_fold, rowid);
CREATE INDEX organisation_kind_name ON organisation(kind, name_fold, rowid);
CREATE INDEX organisation_country_name ON organisation(country_fold, name_fold, rowid);

-- The kinds of relationship an organisation has with PolyU, for facets.
CREATE TABLE organisation_relation (
    organisation_id TEXT NOT NULL REFERENCES organisation(id),
    relation TEXT NOT NULL,
    PRIMARY KEY (relation, organisation_id)
) WITHOUT ROWID;
CREATE INDEX organisation_relation_org ON organisation_relation(organisation_id);

CREATE TABLE alliance (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    name TEXT NOT NULL,
    acronym TEXT,
    grouping TEXT NOT NULL,
    polyu_role TEXT NOT NULL,
    role_detail TEXT,
    founded_year INTEGER,
    member_count INTEGER,
    member_qualifier TEXT,
    member_unit TEXT,
    country_count INTEGER,
    country_unit TEXT,
    focus TEXT
);

CREATE TABLE research (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    name TEXT NOT NULL,
    acronym TEXT,
    kind TEXT NOT NULL,
    place_id TEXT REFERENCES place(id),
    funding_id TEXT REFERENCES entity(id),
    founded_year INTEGER,
    description TEXT
);

CREATE TABLE programme (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    name TEXT NOT NULL,
    acronym TEXT,
    kind TEXT NOT NULL,
    started_year INTEGER,
    period TEXT,
    description TEXT
);

CREATE TABLE outcome (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    programme_id TEXT NOT NULL REFERENCES programme(id),
    text TEXT NOT NULL
);

CREATE TABLE figure (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    label TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL DEFAULT 'exact',
    period TEXT,
    as_of TEXT,
    status TEXT NOT NULL,
    subject_id TEXT REFERENCES entity(id),
    card TEXT UNIQUE
);

CREATE TABLE milestone (
    id TEXT PRIMARY KEY REFERENCES entity(id),
    year INTEGER NOT NULL,
    period TEXT,
    label TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT REFERENCES entity(id)
);
CREATE INDEX milestone_year ON milestone(year);

-- Links between records are data: a partner's centres, programmes and alliances
-- are rows here, read in both directions.
CREATE TABLE link (
    src_id TEXT NOT NULL REFERENCES entity(id),
    rel TEXT NOT NULL,
    dst_id TEXT NOT NULL REFERENCES entity(id),
    ord INTEGER NOT NULL DEFAULT 0,  -- place in the source's list (the article's order)
    provenance TEXT NOT NULL DEFAULT 'article',  -- 'reference': from a reference fact
    PRIMARY KEY (src_id, rel, dst_id)
) WITHOUT ROWID;
CREATE INDEX link_dst ON link(dst_id, rel, src_id);

-- Derived at build time (build.write.derive_tables), so the Partners table never sorts or
-- skips through a big table: every partner's position (PolyU's own units left out) in
-- each order of PARTNER_ORDERS (below). An order is grouped by zero or more facets, then
-- sorted by name: 'n' name; 'k' kind; 'c' country; 'kc' kind, country; 'ck' country,
-- kind; 'rn', 'rk', 'rc' relation then name, kind or country (one row per relation
-- of a partner). The rows of a query whose facets are a prefix of an order's groups
-- are one block of it, so a window at any offset is a range of pos.
CREATE TABLE partner_order (
    sort TEXT NOT NULL,             -- the order's code
    pos INTEGER NOT NULL,           -- 0-based, ascending (name_fold, rowid break ties)
    org_rowid INTEGER NOT NULL,     -- organisation.rowid
    PRIMARY KEY (sort, pos)
) WITHOUT ROWID;

-- Organisations per (kind, country, relation), for counts and facets without a scan.
-- relation '' counts every organisation once; other rows count organisation_relation.
CREATE TABLE partner_count (
    relation TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (relation, kind, country)
) WITHOUT ROWID;

-- Every distinct full-text term and how many records hold it (from fts5vocab, at
-- build time). On a large database, search expands a prefix that the FTS prefix
-- index does not cover ('w', 'univ') to its most common terms from here, rather
-- than have FTS5 merge the postings of every matching term.
CREATE TABLE search_term (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX search_term_head ON search_term(substr(term, 1, 1), docs DESC);

-- Reference facts: general knowledge the article does not state, each naming its
-- reference (data/source/reference/). field: iso, country, city, point, acronym, alias,
-- former, keyword. Never a quote; always shown marked.
CREATE TABLE reference_fact (
    ord INTEGER PRIMARY KEY,        -- the order the reference files give
    entity_id TEXT NOT NULL REFERENCES entity(id),
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    reference TEXT NOT NULL
);
CREATE INDEX reference_fact_entity ON reference_fact(entity_id, ord);

-- Full-text search over every kind of record. rowid = entity.rowid.
-- reference: reference names, keywords and city (a hit there is a 'reference' match);
-- extra: what people type that the text writes otherwise (42400 for 42,400; years).
CREATE VIRTUAL TABLE search_index USING fts5(
    name, aliases, body, kind, reference, extra,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
"""

# The tables the article build fills from its records, in the order it writes them.
ROW_TABLES: tuple[str, ...] = (
    "entity",
    "alias",
    "place",
    "organisation",
    "organisation_relation",
    "alliance",
    "research",
    "programme",
    "outcome",
    "figure",
    "milestone",
    "link",
    "reference_fact",
    "search_index",
)

# Tables a database must have to be read as a polyu-tui database.
REQUIRED_TABLES: frozenset[str] = frozenset({"meta", "document", *ROW_TABLES})

# Sort orders kept in partner_order: key -> (facet columns grouped first, ORDER BY).
PARTNER_ORDERS: dict[str, tuple[tuple[str, ...], str]] = {
    "n": ((), "o.name_fold, o.rowid"),
    "k": (("kind",), "o.kind, o.name_fold, o.rowid"),
    "c": (("country",), "o.country_fold, o.name_fold, o.rowid"),
    "kc": (("kind", "country"), "o.kind, o.country_fold, o.name_fold, o.rowid"),
    "ck": (("country", "kind"), "o.country_fold, o.kind, o.name_fold, o.rowid"),
    "rn": (("relation",), "r.relation, o.name_fold, o.rowid"),
    "rk": (("relation", "kind"), "r.relation, o.kind, o.name_fold, o.rowid"),
    "rc": (("relation", "country"), "r.relation, o.country_fold, o.name_fold, o.rowid"),
}
