"""Places a record's own quoted sentences say something about: the 'mentions' links.

This is how a country reaches everything the article says about it, such as the
countries listed only in a sentence about agreements or non-local students. A sentence
names many things at once, so a place is linked to a record only where the sentence
says it about that record:

- Organisations get none: where an organisation is, is a field (the article's place or
  the reference layer's country), never a guess from a sentence that lists several.
- A place tied to an organisation's name in the sentence belongs to it, not to the record:
  "Cathay Pacific Airways in Thailand", "Canada’s University of Waterloo", "the Royal
  College of Art, the U.K." -- and any "Canada’s ..." possessive, which is about
  something the sentence names, not the record.
- Text that only looks like a place is not one: "HK$30,000", "non- Mainland", and a
  longer name that contains a place's name ("State Grid Corporation of China").

Where it cannot be decided from the sentence, no link is made rather than a misleading one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Text that contains a place's name without naming the place.
NOT_A_PLACE = re.compile(r"HK\$[\d,.]+|non-\s*Mainland", re.IGNORECASE)
_APOSTROPHE = "['’]"


@dataclass(frozen=True, slots=True)
class SourcedRecord:
    """What finding mentions needs of a record."""

    id: str
    kind: str
    names: tuple[str, ...]
    """Its name, acronym and aliases as the article writes them."""
    sources: tuple[str, ...]


def _alternatives(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


def place_mentions(
    records: Sequence[SourcedRecord], linked: set[tuple[str, str]]
) -> list[tuple[str, str, str]]:
    """(record, 'mentions', place) for each place a record's sentences say about it.

    ``linked`` holds (a, b) pairs already linked some other way (either direction);
    those are left as they are.
    """
    all_names = {n for r in records for n in r.names if n}
    places = []
    for place in (r for r in records if r.kind == "place"):
        own = set(place.names)
        name = rf"(?:the\s+)?(?:{_alternatives(own)})"
        # A longer name that contains this place's name names something else.
        containing = sorted(
            (n for n in all_names if n not in own and any(o in n for o in own)),
            key=len,
            reverse=True,
        )
        places.append((place.id, re.compile(rf"(?<!\w){name}(?!\w)"), name, containing))
    organisation_names = {n for r in records if r.kind == "organisation" for n in r.names}
    mentions = []
    for record in records:
        if record.kind in ("place", "organisation"):
            continue
        other_names = sorted(n for n in organisation_names - set(record.names) if len(n) >= 3)
        for sentence in record.sources:
            for place_id, pattern, name, containing in places:
                if (record.id, place_id) in linked:
                    continue
                masked = NOT_A_PLACE.sub(lambda m: " " * len(m.group(0)), sentence)
                for long_name in containing:
                    masked = masked.replace(long_name, " " * len(long_name))
                if not pattern.search(masked):
                    continue
                if _tied_elsewhere(masked, name, other_names):
                    continue
                mentions.append((record.id, "mentions", place_id))
                linked = linked | {(record.id, place_id)}
    return sorted(set(mentions))


def _tied_elsewhere(sentence: str, place: str, other_names: list[str]) -> bool:
    """Whether every mention of the place in the sentence is tied to another name."""
    spans = [m.span() for m in re.finditer(rf"(?<!\w){place}(?!\w)", sentence)]
    if not spans:
        return False
    tied: set[tuple[int, int]] = set()
    # "Canada’s University of Waterloo", "Canada’s largest nanotechnology institute".
    for m in re.finditer(rf"(?<!\w)({place}){_APOSTROPHE}s\b", sentence):
        tied.add(m.span(1))
    if other_names:
        names = _alternatives(other_names)
        # "Cathay Pacific Airways in Thailand", "the Royal College of Art, the U.K.,"
        for m in re.finditer(rf"(?:{names})(?:\s+in\s+|,\s+)({place})(?!\w)", sentence):
            tied.add(m.span(1))
    return all(span in tied for span in spans)
