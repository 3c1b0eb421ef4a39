"""Generating synthetic partners: deterministic rows for every table, a batch at a time."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from random import Random
from typing import Any

from polyu_tui.data.synth.vocabulary import (
    ACRONYM_SHARE,
    ALLIANCE_SHARE,
    ALLIANCE_WEIGHTS,
    BRAND_HEADS,
    BRAND_TAILS,
    BRANDS,
    CJK_CHARS,
    CJK_SHARE,
    CJK_SUFFIX,
    COUNTRY_STYLE,
    COUNTRY_WEIGHTS,
    EXTRA_TEXT_SHARE,
    FIELDS,
    FIELDS_LOCAL,
    GIVEN_NAMES,
    HYPHEN_SHARE,
    INDUSTRIES,
    KIND_WEIGHTS,
    LOCAL_PATTERN_SHARE,
    MIDDLE_SHARE,
    NO_COUNTRY_SHARE,
    PATTERNS,
    PLACE_PARTS,
    PLACE_PREFIXES,
    PREFIX_SHARE,
    PROGRAMME_SHARE,
    PROGRAMMES_FOR,
    RARE_SHARE,
    RELATION_TEXT,
    SURNAMES,
)
from polyu_tui.data.text import fold

# A generated partner with no country has no code and no point.
NOWHERE: tuple[None, None, None] = (None, None, None)
DEFAULT_SEED = 1


# Bumped whenever the same seed would give different rows (meta 'synthetic_generator').
GENERATOR_VERSION = 2


# Organisations per batch. Part of the determinism contract: each batch has its own seed.
BATCH = 50_000


SYNTH_SUMMARY = "Synthetic record for scale tests."


SYNTH_ID_PREFIX = "syn-"


@dataclass(frozen=True)
class Context:
    """What generated rows refer to, read from the real sources (picklable)."""

    countries: tuple[tuple[str, str], ...]  # (place id, place name), sorted by id
    country_cum: tuple[int, ...]
    programmes: dict[str, str]  # id -> name
    alliances: dict[str, str]
    relations: dict[str, tuple[str, ...]]  # relationship text -> facet values, filled lazily
    # place id -> (ISO code, latitude, longitude) from the reference layer: a generated
    # partner is placed at its country's point.
    geo: dict[str, tuple[str | None, float | None, float | None]] = field(default_factory=dict)


def make_context(sources: Any) -> Context:
    countries = tuple(
        sorted(
            (record.id, record.name)
            for record in sources.records
            if record.kind == "place" and record.data.get("kind") == "country"
        )
    )
    weights = [COUNTRY_WEIGHTS.get(place_id, 1) for place_id, _ in countries]
    programmes = {r.id: r.name for r in sources.records if r.kind == "programme"}
    alliances = {r.id: r.name for r in sources.records if r.kind == "alliance"}
    reference = sources.reference
    geo: dict[str, tuple[str | None, float | None, float | None]] = {}
    for place_id, _name in countries:
        point = reference.point.get(place_id)
        geo[place_id] = (
            reference.iso.get(place_id),
            point.lat if point else None,
            point.lon if point else None,
        )
    return Context(countries, tuple(accumulate(weights)), programmes, alliances, {}, geo)


def fast_fold(text: str) -> str:
    """``text.fold`` for the names generated here, with an ASCII shortcut."""
    if text.isascii() and "  " not in text and text == text.strip():
        return text.lower()
    return fold(text)


def generate_batch(
    ctx: Context, seed: int, batch: int, first_number: int, size: int, first_rowid: int
) -> dict[str, list[tuple[Any, ...]]]:
    """Rows for every table for organisations ``first_number`` .. ``+ size - 1``.

    A pure function of its arguments: batch ``batch`` draws from its own
    ``Random(f"polyu-synth:{seed}:{batch}")``, so batches can be made in any order
    or process.
    """
    from polyu_tui.data.build.rows import relations_for

    rnd = Random(f"polyu-synth:{seed}:{batch}").random
    countries = ctx.countries
    geo = ctx.geo
    country_cum = ctx.country_cum
    country_total = country_cum[-1]
    kinds = [kind for kind, _ in KIND_WEIGHTS]
    kind_cum = list(accumulate(weight for _, weight in KIND_WEIGHTS))
    kind_total = kind_cum[-1]
    alliances = [a for a, _ in ALLIANCE_WEIGHTS if a in ctx.alliances]
    alliance_cum = list(accumulate(w for a, w in ALLIANCE_WEIGHTS if a in ctx.alliances))
    programmes_by_id = ctx.programmes
    alliance_names = ctx.alliances
    relation_cache = ctx.relations
    country_folds: dict[str, str] = {}

    def pick(items: Sequence[str]) -> str:
        return items[int(rnd() * len(items))]

    def place(style: str) -> str:
        first, middle, last = PLACE_PARTS.get(style) or PLACE_PARTS["generic"]
        name = first[int(rnd() * len(first))]
        if rnd() < (0.7 if style == "zh" else MIDDLE_SHARE):
            name += middle[int(rnd() * len(middle))]
        end = last[int(rnd() * len(last))]
        if style == "zh" and end[0] in "aoe":
            name = f"{name}’{end}"  # pinyin apostrophe, as in Xi’an
        else:
            name += end
        roll = rnd()
        if roll < HYPHEN_SHARE:
            name = f"{name}-{pick(first)}{pick(last)}"
        elif roll < HYPHEN_SHARE + PREFIX_SHARE and style in PLACE_PREFIXES:
            prefix = pick(PLACE_PREFIXES[style])
            name = f"{prefix}-{name}" if prefix.startswith("Sain") else f"{prefix} {name}"
        return name

    def brand() -> str:
        if rnd() < 0.4:
            return pick(BRANDS)
        return pick(BRAND_HEADS) + pick(BRAND_TAILS)

    def make_name(kind: str, style: str, country: str) -> str:
        share = CJK_SHARE.get(style)
        if share and rnd() < share:
            chars = CJK_CHARS[style]
            head = pick(chars) + pick(chars)
            if rnd() < 0.5:
                head += pick(chars)
            return head + pick(CJK_SUFFIX[style][kind])
        patterns = PATTERNS[kind]
        local = patterns.get(style)
        roll = rnd()
        if local and roll < LOCAL_PATTERN_SHARE:
            template = pick(local)
        elif roll > 1 - RARE_SHARE and "rare" in patterns:
            template = pick(patterns["rare"])
        else:
            template = pick(patterns["default"])
        values = {"P": place(style), "C": country or "Hong Kong"}
        if "{F}" in template:
            values["F"] = pick(FIELDS)
        if "{S" in template:
            values["S"] = pick(SURNAMES)
            values["S2"] = pick(SURNAMES)
            values["G"] = pick(GIVEN_NAMES)
        if "{B" in template:
            values["B"] = brand()
            values["B2"] = brand()
        if "{I}" in template:
            values["I"] = pick(INDUSTRIES)
        if "{P2}" in template:
            values["P2"] = place(style)
        if "{L}" in template:
            values["L"] = pick(FIELDS_LOCAL.get(style, FIELDS))
        return template.format_map(values)

    entity: list[tuple[Any, ...]] = []
    organisation: list[tuple[Any, ...]] = []
    relation: list[tuple[Any, ...]] = []
    alias: list[tuple[Any, ...]] = []
    link: list[tuple[Any, ...]] = []
    search: list[tuple[Any, ...]] = []
    counts: dict[tuple[str, str, str], int] = {}  # (relation or '', kind, country) -> n
    for number in range(first_number, first_number + size):
        rowid = first_rowid + number - 1
        org_id = f"{SYNTH_ID_PREFIX}{number:07d}"
        kind = kinds[bisect(kind_cum, rnd() * kind_total)]
        if rnd() < NO_COUNTRY_SHARE:
            place_id, country = "", ""
        else:
            place_id, country = countries[bisect(country_cum, rnd() * country_total)]
        style = COUNTRY_STYLE.get(place_id, "generic")
        if place_id == "singapore" and rnd() < 0.5:
            style = "en"
        name = make_name(kind, style, country)
        acronym = None
        research_kind = kind in ("university", "institute")
        if research_kind and rnd() < ACRONYM_SHARE:
            letters = [w[0] for w in name.replace("-", " ").split() if w[:1].isupper()]
            if 2 <= len(letters) <= 6:
                acronym = "".join(letters)
        texts: list[str] = []
        body_links: list[str] = []
        programmes = PROGRAMMES_FOR[kind]
        if programmes and rnd() < PROGRAMME_SHARE:
            programme = pick(programmes)
            if programme in programmes_by_id:
                link.append((programme, "partner", org_id))
                body_links.append(programmes_by_id[programme])
                texts.append(pick(RELATION_TEXT[programme]))
        if research_kind and rnd() < ALLIANCE_SHARE:
            alliance = alliances[bisect(alliance_cum, rnd() * alliance_cum[-1])]
            link.append((alliance, "member", org_id))
            body_links.append(alliance_names[alliance])
            texts.append(f"Alliance member: {alliance_names[alliance]}")
        if not texts or rnd() < EXTRA_TEXT_SHARE:
            texts.append(pick(RELATION_TEXT[kind]).replace("{f}", pick(FIELDS).lower()))
        relationship = "; ".join(texts)
        relations = relation_cache.get(relationship)
        if relations is None:
            relations = relation_cache[relationship] = tuple(relations_for(relationship))
        country_fold = country_folds.get(country)
        if country_fold is None:
            country_fold = country_folds[country] = fold(country)
        name_fold = fast_fold(name)
        entity.append(
            (rowid, org_id, name, name_fold, acronym, kind, f"{relationship}. {SYNTH_SUMMARY}")
        )
        code, lat, lon = geo.get(place_id, NOWHERE)
        organisation.append(
            (rowid, org_id, name, name_fold, acronym, kind, place_id or None, country,
             country_fold, relationship, "synthetic" if place_id else "", code, lat, lon)
        )  # fmt: skip
        key = ("", kind, country)
        counts[key] = counts.get(key, 0) + 1
        for value in relations:
            relation.append((org_id, value))
            key = (value, kind, country)
            counts[key] = counts.get(key, 0) + 1
        if acronym:
            alias.append((org_id, acronym, fast_fold(acronym)))
        body = f"{relationship} \n{country}" if country else relationship
        if body_links:
            body = " \n".join((body, *body_links))
        search.append((rowid, name, acronym or "", body))
    return {
        "entity": entity,
        "organisation": organisation,
        "organisation_relation": relation,
        "alias": alias,
        "link": link,
        "search_index": search,
        COUNTS: counts,  # type: ignore[dict-item]
    }


# The key of a batch that holds partner_count increments rather than rows.
COUNTS = "partner_count"


def plan_batches(partners: int) -> list[tuple[int, int, int]]:
    """(batch number, first organisation number, size) for every batch."""
    return [
        (index, start + 1, min(BATCH, partners - start))
        for index, start in enumerate(range(0, partners, BATCH))
    ]


def generated_batches(
    ctx: Context, seed: int, partners: int, first_rowid: int, workers: int
) -> Generator[tuple[int, dict[str, list[tuple[Any, ...]]]], None, None]:
    """Batches in order; made in worker processes (one batch ahead each) when worth it.

    The workers end with the generator, however it ends: when it is closed (the
    writer failed, or a signal stopped it) the pool is terminated, not waited for.
    A worker also ends if this process is killed outright (Linux: PR_SET_PDEATHSIG).
    """
    plan = plan_batches(partners)
    if workers <= 0 or len(plan) <= 1:
        for batch, first, size in plan:
            yield size, generate_batch(ctx, seed, batch, first, size, first_rowid)
        return
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    pool = multiprocessing.get_context(method).Pool(workers, initializer=_worker_start)
    try:
        pending: list[tuple[int, Any]] = []
        for batch, first, size in plan:
            args = (ctx, seed, batch, first, size, first_rowid)
            pending.append((size, pool.apply_async(generate_batch, args)))
            if len(pending) > workers:
                size0, result = pending.pop(0)
                yield size0, result.get()
        for size0, result in pending:
            yield size0, result.get()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def _worker_start() -> None:
    """In each worker: Ctrl+C and the parent's handlers are the parent's business (it
    terminates the pool); and die with the parent if it is killed outright."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)
    except (AttributeError, OSError):  # not Linux
        pass
