"""`polyu-tui db synth`: a deterministic, synthetic database for scale tests.

The database has the same schema as the bundled one and holds every real record
from ``data/source`` plus N generated organisations, so the app, search and
``db check`` work on it unchanged. Every generated record is marked
``synthetic = 1`` in ``entity`` and ``organisation`` and quotes nothing
(``sources = []``); ``db check`` skips quotes for synthetic rows.

The same seed gives the same rows: organisations are generated in batches of
``BATCH``, each from its own ``random.Random`` seeded with (seed, batch number),
and nothing time-dependent is written. That also lets a worker process generate
the next batch while this one writes the last.

Links written for generated organisations (see ``SYNTH_LINKS``):

- ``<programme> -partner-> <organisation>``: a partner of the student-exchange,
  Dual PhD or Work-Integrated Education programme, the way the real programme
  records name their partners.
- ``<alliance> -member-> <organisation>``: a member university of an alliance
  (the real sources give member counts, not member lists). This relation is
  new with the synthetic database; the detail panel heads it "Members" on the
  alliance and "Member of" on the organisation.

It is fast because it writes with plain ``sqlite3`` ``executemany`` in big
batches inside one transaction, with ``journal_mode = OFF`` and
``synchronous = OFF``, creates the secondary indexes only after the rows are in,
then derives the partner tables, optimises the full-text index and runs
``ANALYZE``. It writes to a temporary file beside the target and renames it into
place only when everything succeeded.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import Any

from polyu_tui.data.errors import PolyuError
from polyu_tui.data.schema import APPLICATION_ID, DDL, SCHEMA_VERSION
from polyu_tui.data.text import fold

DEFAULT_SEED = 1
# Bumped whenever the same seed would give different rows (meta 'synthetic_generator').
GENERATOR_VERSION = 1
# Organisations per batch. Part of the determinism contract: each batch has its own seed.
BATCH = 50_000
SYNTH_SUMMARY = "Synthetic record for scale tests."
SYNTH_ID_PREFIX = "syn-"

# The relations synthetic rows use in `link`, documented in the module docstring.
SYNTH_LINKS: dict[str, str] = {
    "partner": "<programme> -partner-> <organisation>: a partner of the programme",
    "member": "<alliance> -member-> <organisation>: a member of the alliance",
}


class SynthProblem(PolyuError):
    """The synthetic database cannot be written where asked."""


# ------------------------------------------------------------------ word lists


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split("|"))


# Country or region id (from places.toml) -> weight. Countries not named here get 1.
COUNTRY_WEIGHTS: dict[str, int] = {
    "mainland-china": 30, "uk": 10, "us": 10, "australia": 7, "japan": 7, "canada": 6,
    "south-korea": 6, "germany": 6, "france": 5, "taiwan": 5, "hong-kong": 4, "spain": 4,
    "netherlands": 3, "sweden": 3, "switzerland": 3, "singapore": 3, "malaysia": 3,
    "thailand": 3, "russia": 3, "new-zealand": 2, "portugal": 2, "belgium": 2, "denmark": 2,
    "chile": 2, "indonesia": 2, "vietnam": 2, "pakistan": 2, "kazakhstan": 2, "macao": 2,
}  # fmt: skip

# Country id -> naming style. Countries not named here use the "generic" style.
COUNTRY_STYLE: dict[str, str] = {
    "mainland-china": "zh", "taiwan": "zh", "hong-kong": "zh", "macao": "zh",
    "singapore": "zh", "japan": "ja", "south-korea": "ko", "spain": "es", "chile": "es",
    "portugal": "pt", "france": "fr", "belgium": "fr", "germany": "de", "switzerland": "de",
    "sweden": "nordic", "denmark": "nordic", "netherlands": "nl", "russia": "ru",
    "kazakhstan": "ru", "uk": "en", "us": "en", "canada": "en", "australia": "en",
    "new-zealand": "en",
}  # fmt: skip

# style -> (first parts, middle parts, last parts): a place name is first + [middle] + last.
PLACE_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        _words(
            "Ash Bright Cam Dun Elm Fair Glen Hart Kings Lang Mar North Oak Red Stan "
            "Thorn West Wood Brook Hazel Lyn Pen Rich Sal Wat Bel Carl Dor Ex Har Whit "
            "Ald Bram Crom Holl Ketter Market Nor Strat Wel Ames Bex Chip Dart Fal Grant "
            "Hol Ick Kirk Lox Mal Ock Pad Rams Sand Tam Ux Wal"
        ),
        _words("er ing ling en ow ard ey an ble mer ter wood stone ridge"),
        _words(
            "ford field ton bury wick mouth dale ham worth ley stead bridge port haven "
            "minster chester borough erloo mere combe by thorpe well hurst gate"
        ),
    ),
    "zh": (
        _words(
            "Bei Shan Jiang Hai Nan Xi Dong Guang Hu Chang Ning Fu Qing Tian Yun Hua Lin "
            "Wu Su Yang Cheng Jin Ping Kai Feng Long Xin Yan Ming Zhen Tai Jia Rui Zhao "
            "Hong Shao Heng Lu Gui Quan"
        ),
        _words("shan hu ling jia xing yang tai chun he yu zhong xia bao"),
        _words(
            "zhou an jing hai yang ning chang sha men kou ping an ou en de yuan shan tai "
            "xi ling yi hua qiao tong lin bin cheng du kang hu"
        ),
    ),
    "ja": (
        _words(
            "Taka Naga Yoko Kita Minami Hiro Matsu Fuku Kana Shizu Oka Sendai Tsuku Kuma "
            "Nii Toya Saga Mie Aki Hako Ichi Kago Miya Nishi Higashi Ise"
        ),
        _words("no ga ka mi su to wa ri"),
        _words(
            "yama saki hama shima kawa oka zawa gata moto ba no ta mura da sato hara "
            "sawa zaki kura mori"
        ),
    ),
    "ko": (
        _words(
            "Dae Gwang Bu Cheong Won Gyeong Jeon Seong Han Chung Ul Mok Pyeong Su Gang "
            "Sin Yeong Hwa Geum"
        ),
        _words("an san do ju gu"),
        _words("jeon ju san won nam buk taek cheon po yang do gi seong dong rim"),
    ),
    "es": (
        _words("Val Mon Al Cor Gra Tol Bar Cas Pam Se Lo Pe Co Be Ma Ar Vi Tar Sor Ca Zam Ov Hu"),
        _words("la ra ta ca ba ri da"),
        _words(
            "ladolid tilla doba nada edo celona plona govia groño ñaflor ruña goña laga "
            "ica ñuelas ganzo llarreal mora ragona esca ceres ria ñón"
        ),
    ),
    "pt": (
        _words("Coim Bra Por Ave Évo Fa Gui Bar Alco Mon Lou Vi Tor Se San Ca Ma"),
        _words("ra ta ma ri lo"),
        _words("bra gança to iro ra marães baça ção celos lé seu tém bal rém lhão mões"),
    ),
    "fr": (
        _words(
            "Mont Belle Beau Roche Ville Cler Gre Nan Tou Ren Mar Besan Cham Val Lié Cha "
            "Bor Cler Per Di Vi"
        ),
        _words("ne ri be lan sau ver"),
        _words(
            "pellier fort noble ville mont lieu louse nes seille çon béry ence ge rleroi "
            "val ré deaux jon gnan rac court"
        ),
    ),
    "de": (
        _words(
            "Frei Heidel Würz Tüb Göt Mün Düssel Nürn Lüne Brem Augs Zü Lu Stutt Ober "
            "Els Pader Regens Kon Bam Wup Saar Ros"
        ),
        _words("en er ten ling ers"),
        _words(
            "burg berg ingen dorf ster hausen heim chen feld gart bach rich zern thal "
            "stadt born tal furt stock brück"
        ),
    ),
    "nordic": (
        _words("Lund Upp Å Øre Bør Sten Kø Ålb Göte Linkö Växj Jön Ros Hel Karl Norr Sunds Vä Ørs"),
        _words("e a ne ster"),
        _words("sala hus borg ping sund øy heim by köping ö kilde dal strup vik holm rød stad"),
    ),
    "nl": (
        _words("Eind Gron Til Lei Utre Maas Delf Twen Wage Nij Ant Zwol Haar Alk Dor Bre"),
        _words("en er el"),
        _words("hoven ingen burg den cht tricht t te megen le werpen lem maar drecht da"),
    ),
    "ru": (
        _words(
            "Novo Tom Yekat Kaz Sam Perm Omsk Irk Vlad Ural Astan Kara Almat Kras Yaros "
            "Tver Chely Baik"
        ),
        _words("o ino ov ar"),
        _words("sibirsk sk erinburg an ara utsk ivostok grad a y ganda noyarsk lavl abinsk"),
    ),
    "generic": (
        _words("Ma Ka Nai Lu Ba Ta Ki Ru Dar Zan Mba Bu Ja Se Ko Pe Ri Ha Lah Ku Mo Sa Wa Ni Ti"),
        _words("ra li ba ko ma n"),
        _words(
            "rara gali kuru bang ndo wayo lumpur sa ndu mai pur bi ore kala dung tan ga "
            "jo lanta wezi kesh mara"
        ),
    ),
}
# style -> words placed before a place name now and then ("North Ashford").
PLACE_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": _words("North South East West New Upper Lower Port Mount Lake"),
    "es": _words("San Santa Villa Puerto"),
    "pt": _words("São Santa Vila Porto"),
    "fr": _words("Saint Sainte Port Mont"),
    "de": _words("Bad Neu Ober Unter Alt"),
    "nordic": _words("Norra Södra Øster Väster"),
    "nl": _words("Den Noord Zuid Oud"),
}
MIDDLE_SHARE = 0.5
PREFIX_SHARE = 0.1
HYPHEN_SHARE = 0.06

# CJK place names: two characters from these, then a suffix for the kind.
CJK_CHARS: dict[str, str] = {
    "zh": "北南东西江海山华中天长宁福清云安广深明新光德成金平开风龙兴和"
    "泰嘉瑞昌永宏盛通达远建鸿祥康丰",
    "ja": "東京大阪名古屋北海道福岡広島横浜千葉山川田",
    "ko": "서울부산대전광주인천경북한국",
}
CJK_SHARE: dict[str, float] = {"zh": 0.25, "ja": 0.1, "ko": 0.1}
CJK_SUFFIX: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "university": _words("大学 理工大学 科技大学 师范大学 工业大学"),
        "institute": _words("研究院 科学院 技术研究所"),
        "company": _words("集团有限公司 科技有限公司 控股有限公司"),
        "government": _words("市人民政府 市教育局 省科学技术厅"),
    },
    "ja": {
        "university": _words("大学 工業大学 科学技術大学"),
        "institute": _words("研究所 技術研究所"),
        "company": _words("株式会社 工業株式会社"),
        "government": _words("市役所 県教育委員会"),
    },
    "ko": {
        "university": _words("대학교 과학기술원"),
        "institute": _words("연구원 연구소"),
        "company": _words("주식회사 그룹"),
        "government": _words("시청 교육청"),
    },
}

SURNAMES = _words(
    "O’Brien D’Arcy McAllister Fitz-Gerald Lévesque Müller Núñez Gonçalves Sørensen "
    "Kingsley Ashworth Hartley-Moss Pemberton Okonkwo Nakamura Fernández Dubois Ørsted "
    "Castañeda Whitcombe"
)
GIVEN_NAMES = _words(
    "Simón Chloé Zoë Jürgen Björn Inês François Ngozi Hiroshi Mei Arjun Siobhán Renée Ólafur "
    "Thomas Margaret Charles Florence Edmund Agnes"
)
FIELDS = _phrases(
    "Nanotechnology | Photonics | Data Science | Hotel and Tourism | Rehabilitation | "
    "Textiles and Fashion | Smart Energy | Optometry | Aviation | Urban Infrastructure | "
    "Biomedical Engineering | Materials | Logistics | Design | Applied Mathematics | "
    "Marine Science | Public Health | Robotics | Nursing | Space Science"
)
FIELDS_LOCAL: dict[str, tuple[str, ...]] = {
    "es": _phrases("Ingeniería | Ciencias | Tecnología | Diseño | Energía"),
    "pt": _phrases("Engenharia | Ciências | Tecnologia | Inovação | Educação"),
    "fr": _phrases("Génie | Sciences Appliquées | Technologie | Électronique | Énergie"),
    "de": _phrases("Angewandte Physik | Werkstofftechnik | Künstliche Intelligenz | Photonik"),
}
BRANDS = _words(
    "Apex Meridian Lumen Vertex Harbour Silverline Northstar Evergreen Crescent Pinnacle "
    "Tidewater Keystone Summit Bluewave Orchid Jade Phoenix Zenith Aurora Granite Cobalt "
    "Sapphire Kestrel Ironbark"
)
# Coined brand names: a head and a tail ("Novatex", "Quanora").
BRAND_HEADS = _words("Zen Nova Lum Vor Axi Cor Tri Syn Omni Quan Vel Kai Xen Aer Sol Ter Hex Ori")
BRAND_TAILS = _words("tex ara ion ix ora is ent igo eon yx ica ar on um eda")
INDUSTRIES = _words(
    "Engineering Logistics Textiles Electronics Energy Hospitality Biotech Construction "
    "Aviation Semiconductor Shipping Consulting"
)

KIND_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("university", 45),
    ("institute", 20),
    ("company", 25),
    ("government", 10),
)
# kind -> style -> name templates. {P}/{P2} place, {F} field, {L} field in the local
# language, {S}/{S2} surname, {B}/{B2} brand, {I} industry, {C} country. "rare" ones
# (few distinct values) are drawn with RARE_SHARE, so names seldom repeat.
PATTERNS: dict[str, dict[str, tuple[str, ...]]] = {
    "university": {
        "default": _phrases(
            "University of {P} | {P} University | {P} University of Technology | "
            "{P} Polytechnic University | {P} University of Science and Technology | "
            "{P} Normal University | {P} Medical University | {P} Polytechnic | "
            "{P} Institute of Technology | St {S}’s College, {P} | {P} Metropolitan University"
        ),
        "rare": _phrases("{G} {S} University | {S}-{S2} University"),
        "es": _phrases(
            "Universidad de {P} | Universidad Politécnica de {P} | Universidad Técnica de {P}"
        ),
        "pt": _phrases(
            "Universidade de {P} | Instituto Politécnico de {P} | Universidade Nova de {P}"
        ),
        "fr": _phrases("Université de {P} | École Polytechnique de {P} | Université {P}-{P2}"),
        "de": _phrases("Universität {P} | Technische Universität {P} | Hochschule {P}"),
        "nordic": _phrases("{P} universitet | Kungliga Tekniska högskolan {P} | University of {P}"),
        "nl": _phrases("Universiteit {P} | Technische Universiteit {P} | Hogeschool {P}"),
        "ru": _phrases(
            "{P} State University | {P} Polytechnic University | {P} Federal University"
        ),
        "zh": _phrases(
            "{P} University | {P} University of Science and Technology | "
            "{P} Jiaotong University | {P} Normal University | {P} Polytechnic | "
            "{P} Agricultural University | {P} University of Finance and Economics | "
            "{P} Medical University | {P} University of Technology | {P} Ocean University"
        ),
    },
    "institute": {
        "default": _phrases(
            "{P} Institute of Technology | {P} Institute for {F} | "
            "{F} Research Institute of {P} | {P} Academy of Sciences | {P} Centre for {F} | "
            "{P}-{P2} Institute of {F}"
        ),
        "fr": _phrases("Institut {P} de {L} | Centre National de {L}, {P}"),
        "de": _phrases("{P} Institut für {L} | Fraunhofer-Institut {P}"),
        "es": _phrases("Instituto Tecnológico de {P} | Centro de {L} de {P}"),
        "pt": _phrases("Instituto de {L} de {P}"),
    },
    "company": {
        "default": _phrases(
            "{B} {I} Holdings Limited | {P} {B} {I} Co., Ltd. | {B} {I} Group | "
            "{P} {I} Corporation | {B}-{B2} {I} Limited | {P} {B} Holdings Limited | "
            "{B} {I} ({P}) Limited"
        ),
        "rare": _phrases("{S} & {S2} LLP | {S} & Co. | {B} Technologies Inc."),
        "de": _phrases("{B} {I} GmbH | {P} {I} AG | {P}er {B} GmbH & Co. KG"),
        "fr": _phrases("{B} {I} S.A. | Groupe {B} {P} | {B} {P} SAS"),
        "es": _phrases("{B} {I} S.A. | Grupo {P} {B} | {B} {P} S.L."),
        "ja": _phrases("{P} {I} K.K. | {P} {B} Co., Ltd."),
        "zh": _phrases(
            "{P} {B} Holdings Limited | {P} {I} Group Co., Ltd. | {P} {B} {I} Co., Ltd."
        ),
    },
    "government": {
        "default": _phrases(
            "{P} City Council | Department of {F}, {P} | {P} Municipal Bureau of Education | "
            "{P} {F} Authority | {P} Provincial Department of Education | "
            "{P} Development Agency"
        ),
        "rare": _phrases("Ministry of {F}, {C} | {C} National Agency for {F}"),
        "fr": _phrases("Ville de {P} | Région {P} | Métropole de {P}"),
        "es": _phrases("Ayuntamiento de {P} | Gobierno de {P} | Diputación de {P}"),
    },
}
RARE_SHARE = 0.03
LOCAL_PATTERN_SHARE = 0.7

# Relationship text: for a programme partner, and by kind otherwise ({f}: a field).
RELATION_TEXT: dict[str, tuple[str, ...]] = {
    "student-exchange": _phrases(
        "Student exchange partner | Student exchange and visiting scholars"
    ),
    "dual-phd": _phrases("Dual PhD partner | Dual PhD Degree Programme partner"),
    "wie": _phrases("WIE host for internships | Work-Integrated Education placements"),
    "university": _phrases(
        "Research collaboration in {f} | Education agreement | "
        "Joint supervision and research in {f}"
    ),
    "institute": _phrases("Joint research centre on {f} | Research collaboration in {f}"),
    "company": _phrases("Industry partner in {f} | Industry collaboration and consultancy"),
    "government": _phrases(
        "Government partner; policy research on {f} | Ministry-level education agreement"
    ),
}
# kind -> programmes a linked partner of that kind joins (repeats weight the draw).
PROGRAMMES_FOR: dict[str, tuple[str, ...]] = {
    "university": ("student-exchange", "student-exchange", "dual-phd"),
    "institute": ("dual-phd", "student-exchange", "wie"),
    "company": ("wie",),
    "government": (),
}
# alliance id -> weight for a member university or institute.
ALLIANCE_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("uasr", 10),
    ("asrtu", 3),
    ("maritime-silk-road-consortium", 3),
    ("cpec-consortium", 2),
    ("asean-china-network", 2),
    ("usrn", 2),
    ("ista", 1),
)
PROGRAMME_SHARE = 0.30  # of universities, institutes and companies: a programme partner
ALLIANCE_SHARE = 0.15  # of universities and institutes: an alliance member
ACRONYM_SHARE = 0.30  # of universities and institutes: an acronym (an alias)
NO_COUNTRY_SHARE = 0.01  # no country, like some real records
EXTRA_TEXT_SHARE = 0.3  # a second, kind-based phrase in the relationship text


# ------------------------------------------------------------------ the generator


@dataclass(frozen=True)
class Context:
    """What generated rows refer to, read from the real sources (picklable)."""

    countries: tuple[tuple[str, str], ...]  # (place id, place name), sorted by id
    country_cum: tuple[int, ...]
    programmes: dict[str, str]  # id -> name
    alliances: dict[str, str]
    relations: dict[str, tuple[str, ...]]  # relationship text -> facet values, filled lazily


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
    return Context(countries, tuple(accumulate(weights)), programmes, alliances, {})


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
    from polyu_tui.data.build import relations_for

    rnd = Random(f"polyu-synth:{seed}:{batch}").random
    countries = ctx.countries
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
        organisation.append(
            (rowid, org_id, name, name_fold, acronym, kind, place_id or None, country,
             country_fold, relationship)
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


# ------------------------------------------------------------------ writing

# The key of a batch that holds partner_count increments rather than rows.
COUNTS = "partner_count"

INSERT_SQL: dict[str, str] = {
    "entity": (
        "INSERT INTO entity (rowid, id, name, name_fold, acronym, category, summary, "
        "kind, sources, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, 'organisation', '[]', 1)"
    ),
    "organisation": (
        "INSERT INTO organisation (rowid, id, name, name_fold, acronym, kind, place_id, "
        "country, country_fold, relationship, synthetic) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
    ),
    "organisation_relation": (
        "INSERT INTO organisation_relation (organisation_id, relation) VALUES (?, ?)"
    ),
    "alias": "INSERT INTO alias (entity_id, alias, alias_fold) VALUES (?, ?, ?)",
    "link": "INSERT INTO link (src_id, rel, dst_id) VALUES (?, ?, ?)",
    "search_index": (
        "INSERT INTO search_index (rowid, name, aliases, body, kind) "
        "VALUES (?, ?, ?, ?, 'organisation')"
    ),
}


def split_ddl(ddl: str = DDL) -> tuple[list[str], list[str]]:
    """The schema's statements as (tables and the rest, CREATE INDEX statements)."""
    tables: list[str] = []
    indexes: list[str] = []
    pending = ""
    for line in ddl.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statement = pending.strip()
            head = " ".join(statement.split()[:3]).upper()
            is_index = head.startswith(("CREATE INDEX", "CREATE UNIQUE INDEX"))
            (indexes if is_index else tables).append(statement)
            pending = ""
    if pending.strip():
        tables.append(pending.strip())
    return tables, indexes


def _insert_dicts(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"INSERT INTO [{table}] ({names}) VALUES ({marks})",
        ([row[c] for c in columns] for row in rows),
    )


def _plan(partners: int) -> list[tuple[int, int, int]]:
    """(batch number, first organisation number, size) for every batch."""
    return [
        (index, start + 1, min(BATCH, partners - start))
        for index, start in enumerate(range(0, partners, BATCH))
    ]


def _generated(
    ctx: Context, seed: int, partners: int, first_rowid: int, workers: int
) -> Iterator[tuple[int, dict[str, list[tuple[Any, ...]]]]]:
    """Batches in order; made in a worker process (one batch ahead) when worth it."""
    plan = _plan(partners)
    if workers <= 0 or len(plan) <= 1:
        for batch, first, size in plan:
            yield size, generate_batch(ctx, seed, batch, first, size, first_rowid)
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending: list[tuple[int, Future[dict[str, list[tuple[Any, ...]]]]]] = []
        queue = iter(plan)
        for batch, first, size in queue:
            pending.append(
                (size, pool.submit(generate_batch, ctx, seed, batch, first, size, first_rowid))
            )
            if len(pending) > workers:
                size0, future = pending.pop(0)
                yield size0, future.result()
        for size0, future in pending:
            yield size0, future.result()


def bundled_targets() -> list[Path]:
    """Paths the generator must never write to: the bundled database."""
    from polyu_tui.data import db

    return sorted({db.bundled_database().resolve(), db._REPO_DB.resolve()})


def _holds_real_data(path: Path) -> bool:
    """True for an existing polyu-tui database built from the article (meta synthetic=0)."""
    import sqlite3

    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'synthetic'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == "0"


ProgressFn = Callable[[str, int, int], None]


def synthesize(
    target: Path,
    partners: int,
    *,
    seed: int = DEFAULT_SEED,
    source_dir: Path | None = None,
    progress: ProgressFn | None = None,
    workers: int | None = None,
) -> dict[str, int]:
    """Write a synthetic database to ``target`` atomically; return row counts.

    ``progress(phase, done, total)`` is called as the work advances. ``workers``
    is how many processes generate rows alongside the writer (default: 1 when
    the machine has more than one CPU and there is more than one batch).
    """
    from polyu_tui.data.build import atomic_target, build_rows, load_sources, source_meta

    if partners < 0:
        raise SynthProblem("--partners must be 0 or more")
    resolved = Path(target).resolve()
    if resolved in bundled_targets():
        raise SynthProblem(
            f"refusing to write synthetic data into the bundled database {resolved}; "
            "give --out another path"
        )
    if resolved.is_dir():
        raise SynthProblem(f"--out is a directory: {resolved}")
    if _holds_real_data(resolved):
        # Wherever it lives (a checkout's data/polyu.db under a non-editable install
        # is not the packaged copy), a database built from the article is not replaced.
        raise SynthProblem(
            f"refusing to overwrite {resolved}: it holds the article's records, not "
            "synthetic ones; give --out another path"
        )
    if source_dir is None:
        from polyu_tui.data.db import default_source_dir

        source_dir = default_source_dir()
    if workers is None:
        workers = 1 if (os.cpu_count() or 1) > 1 else 0
    report = progress or (lambda phase, done, total: None)

    sources = load_sources(source_dir)
    rows = build_rows(sources)
    ctx = make_context(sources)
    meta = {
        **source_meta(sources.document, synthetic=True),
        "synthetic_partners": str(partners),
        "synthetic_seed": str(seed),
        "synthetic_generator": str(GENERATOR_VERSION),
    }

    with atomic_target(resolved, ".polyu-synth-") as tmp:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            _setup(conn, rows, meta, sources.document)
            report("partners", 0, partners)
            done = 0
            first_rowid = len(rows["entity"]) + 1
            counts = real_counts(rows)
            for size, batch in _generated(ctx, seed, partners, first_rowid, workers):
                for key, n in batch.pop(COUNTS).items():  # type: ignore[attr-defined]
                    counts[key] = counts.get(key, 0) + n
                for table, batch_rows in batch.items():
                    conn.executemany(INSERT_SQL[table], batch_rows)
                done += size
                report("partners", done, partners)
            _finish(conn, counts, report)
            written = {
                table: int(conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
                for table in INSERT_SQL
            }
        finally:
            conn.close()
    return written


def real_counts(rows: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str, str], int]:
    """partner_count increments for the real organisations in ``build_rows`` output."""
    counts: dict[tuple[str, str, str], int] = {}
    where: dict[str, tuple[str, str]] = {}
    for org in rows["organisation"]:
        where[org["id"]] = (org["kind"], org["country"])
        key = ("", org["kind"], org["country"])
        counts[key] = counts.get(key, 0) + 1
    for row in rows["organisation_relation"]:
        key = (row["relation"], *where[row["organisation_id"]])
        counts[key] = counts.get(key, 0) + 1
    return counts


def _setup(
    conn: sqlite3.Connection,
    rows: dict[str, list[dict[str, Any]]],
    meta: dict[str, str],
    document: str,
) -> None:
    """Tables without their secondary indexes, the real records, an open transaction."""
    from polyu_tui.data.build import DOCUMENT_TITLE

    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while building
    conn.execute("PRAGMA temp_store = MEMORY")
    tables, _indexes = split_ddl()
    for statement in tables:
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("BEGIN")
    # Flush full-text data in big segments while loading ('optimize' merges them at the end).
    conn.execute("INSERT INTO search_index(search_index, rank) VALUES ('hashsize', 134217728)")
    conn.execute(
        "INSERT INTO document (id, title, text) VALUES (1, ?, ?)", (DOCUMENT_TITLE, document)
    )
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", sorted(meta.items()))
    for table, table_rows in rows.items():
        _insert_dicts(conn, table, table_rows)


def _finish(
    conn: sqlite3.Connection, counts: dict[tuple[str, str, str], int], report: ProgressFn
) -> None:
    """Secondary indexes, derived partner tables, full-text optimise, ANALYZE."""
    from polyu_tui.data.build import derive_tables

    _tables, indexes = split_ddl()
    steps: list[str | Callable[[], None]] = [*indexes]
    steps.append(lambda: derive_tables(conn, counts))
    # Back to FTS5's defaults, so nothing about loading stays in the file's config.
    steps.append("INSERT INTO search_index(search_index, rank) VALUES ('hashsize', 1048576)")
    steps.append("INSERT INTO search_index(search_index, rank) VALUES ('automerge', 4)")
    steps.append("COMMIT")
    steps.append("INSERT INTO search_index(search_index) VALUES ('optimize')")
    steps.append("ANALYZE")
    for number, step in enumerate(steps):
        report("indexes", number, len(steps))
        if callable(step):
            step()
        else:
            conn.execute(step)
    report("indexes", len(steps), len(steps))


def rich_progress() -> tuple[Any, ProgressFn]:
    """A rich progress bar on stderr (disabled when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    )
    tasks: dict[str, Any] = {}
    labels = {"partners": "generating partners", "indexes": "indexing"}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(labels.get(phase, phase), total=total)
        bar.update(tasks[phase], completed=done, total=total)

    return bar, update
