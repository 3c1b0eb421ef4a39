"""One module per tab. Each is imported and composed only when first shown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TabSpec:
    id: str
    title: str
    key: str
    module: str
    widget: str
    tooltip: str


TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "overview", "Overview", "1", "overview", "OverviewTab", "Headline figures and the timeline"
    ),
    TabSpec(
        "partners",
        "Partners",
        "2",
        "partners",
        "PartnersTab",
        "Every partner organisation, with filter and facets",
    ),
    TabSpec(
        "alliances",
        "Alliances",
        "3",
        "alliances",
        "AlliancesTab",
        "Alliances and networks, with PolyU's role",
    ),
    TabSpec(
        "exchange",
        "Exchange",
        "4",
        "exchange",
        "ExchangeTab",
        "Student exchange, WIE, dual PhD, scholarships",
    ),
    TabSpec(
        "service-learning",
        "Service-Learning",
        "5",
        "service_learning",
        "ServiceLearningTab",
        "Service-Learning destinations and the Rwanda programme",
    ),
    TabSpec(
        "research",
        "Research",
        "6",
        "research",
        "ResearchTab",
        "Research centres, institutes and industry collaborations",
    ),
)
