"""Reading the article and its reviewable TOML files in ``data/source`` into records,
checked as they are read."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polyu_tui.data.build.fields import FIELDS, field_problem, positions
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
    """Read and check every source file. Raise SourceProblem listing every problem
    found, one ``FILE:LINE: field: message`` a line."""
    document_path = source_dir / DOCUMENT_FILE
    if not document_path.is_file():
        raise SourceProblem(f"source document not found: {document_path}")
    document, problem = _read_text(document_path)
    if problem:
        raise SourceProblem(problem)
    sources = Sources(document=document)
    problems: list[str] = []
    for file_name, array, kind in SOURCE_FILES:
        path = source_dir / file_name
        if not path.is_file():
            problems.append(f"source file not found: {path}")
            continue
        problems.extend(_read_records(path, array, kind, sources))
    if problems:  # a file that could not be read: its records' absence would cascade
        raise SourceProblem("\n".join(problems))
    problems.extend(_validate(sources))
    if problems:
        raise SourceProblem("\n".join(problems))
    sources.reference = load_reference(source_dir)
    problems = check_reference(sources.reference, article_records(sources.records))
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise SourceProblem(problems[0] + more)
    return sources


def _read_text(path: Path) -> tuple[str, str | None]:
    """The file's text, or why it is not UTF-8 (with the line of the first bad byte)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return "", f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}): {exc.reason}"


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def _read_records(path: Path, array: str, kind: str, sources: Sources) -> list[str]:
    """Append the file's records to ``sources``; the problems found in them."""
    text, problem = _read_text(path)
    if problem:
        return [problem]
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _TOML_POSITION.search(message)
        if at:
            return [f"{path}:{at.group(1)}: {_TOML_POSITION.sub('', message)}"]
        return [f"{path}: {message}"]
    where = positions(text)
    problems = [
        f"{path}:{where.top.get(key) or where.record_line(key, 0) or 1}: {key}: "
        f"unknown (records here are [[{array}]])"
        for key in parsed
        if key != array
    ]
    records = parsed.get(array, [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        line = where.top.get(array, 1)
        return [*problems, f"{path}:{line}: {array}: must be [[{array}]] tables"]
    fields = FIELDS[kind]
    for index, data in enumerate(records):
        record_line = where.record_line(array, index)
        broken = False
        for key, value in data.items():
            line = where.field_line(array, index, key)
            if key not in fields:
                problems.append(f"{path}:{line}: {key}: unknown field of a {kind}")
                continue
            why = field_problem(fields[key], value)
            if why:
                problems.append(f"{path}:{line}: {key}: {why}")
                broken = broken or key == "id"
        for key, field_spec in fields.items():
            if field_spec.required and key not in data:
                problems.append(f"{path}:{record_line}: {key}: missing")
                broken = broken or key == "id"
        if not broken:
            sources.records.append(Record(kind, data, f"{path}:{record_line}"))
    return problems


def _validate(sources: Sources) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for record in sources.records:
        if record.id in seen:
            problems.append(
                f"{record.origin}: id: duplicate id {record.id!r}, also at {seen[record.id]}"
            )
        else:
            seen[record.id] = record.origin
    for record in sources.records:
        for quote in record.data.get("sources", []):
            if quote.strip() == "" or quote not in sources.document:
                problems.append(
                    f"{record.origin}: sources: quote not found in the document: {quote!r}"
                )
        for field_name in REF_FIELDS:
            for ref in refs_of(record.data.get(field_name)):
                if ref not in seen:
                    problems.append(f"{record.origin}: {field_name}: names unknown id {ref!r}")
    return problems


def refs_of(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]
