"""A briefing card as Markdown, and as a self-contained SVG drawn by Rich.

The SVG fetches nothing: Rich's own template loads its font from a CDN, this one names
a local monospace font stack instead. Every value is text, never markup.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from polyu_tui.data.briefing.card import REFERENCE, SYNTHETIC, Brief, Fact, Name
from polyu_tui.data.format import value_label
from polyu_tui.data.show import REFERENCE_LEGEND, REFERENCE_MARK

if TYPE_CHECKING:
    from rich.console import RenderableType

PRODUCT = "polyu-tui"
SVG_WIDTH = 88

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str) -> str:
    """Text as Markdown shows it, not as Markdown reads it: one line, specials escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def provenance_label(provenance: str, reference: str) -> str:
    if provenance == REFERENCE:
        return f"reference: {reference}" if reference else "reference"
    if provenance == SYNTHETIC:
        return "synthetic: generated for scale tests"
    return "article"


def _fact_value(fact: Fact) -> str:
    mark = f" {REFERENCE_MARK}" if fact.provenance == REFERENCE else ""
    return f"{fact.value}{mark}"


# Agreement type codes whose words are not the code with spaces.
_AGREEMENT_WORDS = {"mou": "MoU", "joint_phd": "Joint PhD"}


def code_words(code: str) -> str:
    """'student_exchange' -> 'Student exchange'; 'mou' -> 'MoU'."""
    return _AGREEMENT_WORDS.get(code) or value_label(code.replace("_", " "))


def agreement_rows(brief: Brief) -> list[tuple[str, str]]:
    """(agreement type, '2 active, 1 expired') for each type."""
    by_type: dict[str, list[str]] = {}
    for row in brief.agreements or ():
        status = row.status.replace("_", " ")
        by_type.setdefault(row.agreement_type, []).append(f"{row.count:,} {status}")
    return [(code_words(kind), ", ".join(counts)) for kind, counts in by_type.items()]


def _marked(brief: Brief) -> bool:
    """Whether anything on the card is marked as a reference (then the legend says so)."""
    return any(fact.provenance == REFERENCE for fact in brief.facts) or any(
        name.reference for link in brief.links for name in link.names
    )


def _name(name: Name) -> str:
    return f"{name.name} {REFERENCE_MARK}" if name.reference else name.name


def footer(brief: Brief) -> str:
    return f"{PRODUCT} briefing · {brief.kind}/{brief.id} · data: {brief.data} · {brief.day}"


def to_markdown(brief: Brief) -> str:
    """The card as Markdown: headings, a table of key fields, lists, quoted sources."""
    out = [f"# {md(brief.title)}", ""]
    kind = f"*{md(brief.kind_label)}*"
    if brief.synthetic:
        kind += " · synthetic record for scale tests"
    out += [kind, ""]
    facts = [fact for fact in brief.facts if fact.label != "About"]
    if facts:
        out += ["| | |", "| --- | --- |"]
        out += [f"| {md(fact.label)} | {md(_fact_value(fact))} |" for fact in facts]
        out.append("")
    about = next((fact for fact in brief.facts if fact.label == "About"), None)
    if about:
        out += [md(about.value), ""]
    if brief.links:
        out += ["## Linked records", ""]
        for link in brief.links:
            names = ", ".join(md(_name(name)) for name in link.names)
            more = f", and {link.more:,} more" if link.more else ""
            out.append(f"- **{md(link.heading)}**: {names}{more}")
        out.append("")
    if brief.agreements is not None:
        out += ["## Agreements", ""]
        rows = agreement_rows(brief)
        if rows:
            out += [f"- **{md(kind)}**: {md(counts)}" for kind, counts in rows]
        else:
            out.append("None imported for this record.")
        out.append("")
    if brief.figures:
        out += ["## Headline figures", ""]
        for figure in brief.figures:
            about_text = f" ({md(figure.about)})" if figure.about != brief.name else ""
            when = f", {md(figure.when)}" if figure.when else ""
            out.append(f"- **{md(figure.value)}**: {md(figure.label)}{about_text}{when}")
        out.append("")
    out += ["## Sources", ""]
    if not brief.sources:
        out += ["None: generated for scale tests.", ""]
    for source in brief.sources:
        label = provenance_label(source.provenance, source.reference)
        out += [f"> {md(source.text)}", ">", f"> — *{md(label)}*", ""]
    if _marked(brief):
        out += [REFERENCE_LEGEND, ""]
    out += ["---", "", f"*{md(footer(brief))}*", ""]
    return "\n".join(out)


def renderable(brief: Brief) -> RenderableType:
    """The card as Rich renderables (for the SVG): text only, never markup."""
    # Rich only here: Markdown needs none of it, and the command starts sooner without.
    from rich.console import Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    title = Text(brief.title, style="bold")
    title.append(f"\n{brief.kind_label}", style="italic")
    if brief.synthetic:
        title.append("  · synthetic record for scale tests", style="italic")
    parts.append(title)

    def heading(text: str) -> None:
        parts.append(Text(f"\n{text}", style="bold underline"))

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(ratio=1)
    for fact in brief.facts:
        facts.add_row(Text(fact.label), Text(_fact_value(fact)))
    if brief.facts:
        parts.append(Padding(facts, (1, 0, 0, 0)))
    if brief.links:
        heading("Linked records")
        for link in brief.links:
            line = Text.assemble(
                (f"{link.heading}: ", "bold"), ", ".join(_name(name) for name in link.names)
            )
            if link.more:
                line.append(f", and {link.more:,} more", style="italic")
            parts.append(line)
    if brief.agreements is not None:
        heading("Agreements")
        rows = agreement_rows(brief)
        for kind, counts in rows:
            parts.append(Text.assemble((f"{kind}: ", "bold"), counts))
        if not rows:
            parts.append(Text("None imported for this record.", style="italic"))
    if brief.figures:
        heading("Headline figures")
        for figure in brief.figures:
            line = Text.assemble((figure.value, "bold"), f"  {figure.label}")
            if figure.about != brief.name:
                line.append(f" ({figure.about})")
            if figure.when:
                line.append(f", {figure.when}", style="italic")
            parts.append(line)
    heading("Sources")
    if not brief.sources:
        parts.append(Text("None: generated for scale tests.", style="italic"))
    for source in brief.sources:
        label = provenance_label(source.provenance, source.reference)
        parts.append(Text.assemble((f"“{source.text}”", "italic"), (f"\n  — {label}", "dim")))
    if _marked(brief):
        parts.append(Text(f"\n{REFERENCE_LEGEND}", style="dim"))
    parts.append(Text(f"\n{footer(brief)}", style="dim"))
    return Group(*parts)


# Rich's SVG template (rich._export_format.CONSOLE_SVG_FORMAT) without its web fonts:
# the fonts the viewer's machine has, nothing fetched.
SVG_FORMAT = """\
<svg class="rich-terminal" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">
    <style>
    .{unique_id}-matrix {{
        font-family: "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
        font-size: {char_height}px;
        line-height: {line_height}px;
        font-variant-east-asian: full-width;
    }}
    .{unique_id}-title {{
        font-size: 18px;
        font-weight: bold;
        font-family: Arial, Helvetica, sans-serif;
    }}
    {styles}
    </style>
    <defs>
    <clipPath id="{unique_id}-clip-terminal">
      <rect x="0" y="0" width="{terminal_width}" height="{terminal_height}" />
    </clipPath>
    {lines}
    </defs>
    {chrome}
    <g transform="translate({terminal_x}, {terminal_y})"
       clip-path="url(#{unique_id}-clip-terminal)">
    {backgrounds}
    <g class="{unique_id}-matrix">
    {matrix}
    </g>
    </g>
</svg>
"""


def to_svg(brief: Brief) -> str:
    """The card drawn by Rich as an SVG that needs nothing from the internet."""
    from rich.console import Console

    console = Console(
        record=True,
        width=SVG_WIDTH,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
    )
    console.print(renderable(brief))
    return console.export_svg(title=brief.title, code_format=SVG_FORMAT, unique_id="brief")
