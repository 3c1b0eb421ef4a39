"""How numbers and coded values are shown: the way the article writes them."""

from __future__ import annotations

from typing import Any

# Coded values -> words for people. Anything not here is shown with its hyphens as
# spaces and a capital first letter.
VALUE_LABELS: dict[str, str] = {
    "country": "Country or region",
    "region": "Region",
    "site": "Site",
    "other": "Mission destination",
    "innohk-centre": "InnoHK centre",
    "research-centre": "Research centre",
    "industry-collaboration": "Industry collaboration",
    "institute": "Institute",
    "service-learning": "Service-Learning",
    "wie": "Work-Integrated Education",
    "dual-phd": "Dual PhD",
    "cross-border": "Cross-border programme",
    "co-founder": "Co-founder",
    "belt-and-road": "Belt and Road",
    "polyu": "PolyU",
}


# What each kind of record is called on screen.
KIND_LABELS: dict[str, str] = {
    "organisation": "Organisation",
    "alliance": "Alliance",
    "research": "Research",
    "programme": "Programme",
    "place": "Place",
    "figure": "Figure",
    "milestone": "Milestone",
    "outcome": "Outcome",
    "agreement": "Agreement",
}


def value_label(value: Any) -> str:
    text = str(value or "")
    if text in VALUE_LABELS:
        return VALUE_LABELS[text]
    text = text.replace("-", " ")
    return text[:1].upper() + text[1:]


def format_number(value: float) -> str:
    """1690000 -> '1.69 million' (as the article writes it); 42400 -> '42,400'."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def format_figure(data: dict[str, Any]) -> str:
    """'more than 580 agreements', 'HK$30,000', '15 %' -> shown the way the document says it."""
    value = format_number(float(data["value"]))
    unit = str(data.get("unit", ""))
    qualifier = str(data.get("qualifier", "exact"))
    if unit == "HK$":
        amount = f"HK${value}"
    elif unit == "%":
        amount = f"{value}%"
    else:
        amount = f"{value} {unit}".strip()
    return amount if qualifier in ("", "exact") else f"{qualifier} {amount}"


def format_count(qualifier: str | None, count: Any, unit: str | None) -> str:
    """(more than, 160, members) -> 'more than 160 members'; no count -> ''."""
    if count is None:
        return ""
    text = f"{format_number(float(count))} {unit or ''}".strip()
    return f"{qualifier} {text}" if qualifier and qualifier != "exact" else text


def name_with_acronym(name: str, acronym: str | None) -> str:
    """'Royal College of Art (RCA)'; the acronym is left out when the name holds it."""
    return f"{name} ({acronym})" if acronym and acronym not in name else name
