"""Reading the article and its reviewable TOML files in ``data/source`` into records,
checked as they are read."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polyu_tui.data.errors import SourceProblem
from polyu_tui.data.reference import (
    ReferenceLayer,
    article_records,
    check_reference,
    load_reference,
)

DOCUMENT_FILE = "article.txt"


DOCUMENT_TITLE = (
    "Forging a global network of educational and research partners to bolster "
    "the University’s impact on both international and local challenges"
)


# file name -> (TOML array name, record kind)
SOURCE_FILES: tuple[tuple[str, str, str], ...] = (
    ("places.toml", "place", "place"),
    ("organisations.toml", "organisation", "organisation"),
    ("alliances.toml", "alliance", "alliance"),
    ("research.toml", "research", "research"),
    ("programmes.toml", "programme", "programme"),
    ("outcomes.toml", "outcome", "outcome"),
    ("figures.toml", "figure", "figure"),
    ("milestones.toml", "milestone", "milestone"),
)


# field -> (link relation, direction); "out" means record -rel-> referenced id.
REF_FIELDS: dict[str, str] = {
    "place": "located_in",
    "parent": "part_of",
    "cofounders": "cofounded_by",
    "partners": "partner",
    "destinations": "destination",
    "funding": "funded_by",
    "programme": "outcome_of",
    "subject": "about",
    "wie_place": "hosts_wie_in",
    "participants_from": "participants_from",
    "regions": "region",
    "signed_by": "signed_by",
    "approved_by": "approved_by",
}


@dataclass
class Record:
    kind: str
    data: dict[str, Any]
    origin: str

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def name(self) -> str:
        for key in ("name", "label", "text"):
            if self.data.get(key):
                return str(self.data[key])
        raise SourceProblem(f"{self.origin}: record {self.id!r} has no name")


@dataclass
class Sources:
    document: str
    records: list[Record] = field(default_factory=list)
    reference: ReferenceLayer = field(default_factory=ReferenceLayer)
    """The reference facts (data/source/reference/), apart from the article's."""

    def by_id(self) -> dict[str, Record]:
        return {record.id: record for record in self.records}


def load_sources(source_dir: Path) -> Sources:
    """Read and validate every source file; raise SourceProblem on the first error."""
    document_path = source_dir / DOCUMENT_FILE
    if not document_path.is_file():
        raise SourceProblem(f"source document not found: {document_path}")
    sources = Sources(document=document_path.read_text(encoding="utf-8"))
    for file_name, array, kind in SOURCE_FILES:
        path = source_dir / file_name
        if not path.is_file():
            raise SourceProblem(f"source file not found: {path}")
        try:
            parsed = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SourceProblem(f"{path}: {exc}") from None
        for index, data in enumerate(parsed.get(array, [])):
            origin = f"{file_name}[{index}]"
            if not isinstance(data.get("id"), str) or not data["id"]:
                raise SourceProblem(f"{origin}: missing id")
            sources.records.append(Record(kind, data, f"{file_name} ({data['id']})"))
    _validate(sources)
    sources.reference = load_reference(source_dir)
    problems = check_reference(sources.reference, article_records(sources.records))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SourceProblem(problems[0] + more)
    return sources


def _validate(sources: Sources) -> None:
    seen: dict[str, str] = {}
    for record in sources.records:
        if record.id in seen:
            raise SourceProblem(
                f"duplicate id {record.id!r} in {record.origin} and {seen[record.id]}"
            )
        seen[record.id] = record.origin
    for record in sources.records:
        quotes = record.data.get("sources")
        if not isinstance(quotes, list) or not quotes:
            raise SourceProblem(f"{record.origin}: every record needs at least one source quote")
        for quote in quotes:
            if not isinstance(quote, str) or quote.strip() == "" or quote not in sources.document:
                raise SourceProblem(f"{record.origin}: quote not found in the document: {quote!r}")
        for field_name in REF_FIELDS:
            for ref in refs_of(record.data.get(field_name)):
                if ref not in seen:
                    raise SourceProblem(f"{record.origin}: {field_name} names unknown id {ref!r}")


def refs_of(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]
