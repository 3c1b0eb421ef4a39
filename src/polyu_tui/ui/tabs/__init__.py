"""One module per tab. Each is imported and composed only when first shown: a tab's
spec names its class through a loader, so naming it costs no import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget


@dataclass(frozen=True)
class TabSpec:
    id: str
    title: str
    key: str
    load: Callable[[], type[Widget]]  # the tab's class, imported when first called
    tooltip: str
    # Shorter and shorter forms of the title, for the tab bar in a narrow window
    # (without any, a long title is abbreviated: "Agreements" to "Agr.").
    short: tuple[str, ...] = ()


def _overview() -> type[Widget]:
    from polyu_tui.ui.tabs.overview import OverviewTab

    return OverviewTab


def _partners() -> type[Widget]:
    from polyu_tui.ui.tabs.partners import PartnersTab

    return PartnersTab


def _alliances() -> type[Widget]:
    from polyu_tui.ui.tabs.alliances import AlliancesTab

    return AlliancesTab


def _exchange() -> type[Widget]:
    from polyu_tui.ui.tabs.exchange import ExchangeTab

    return ExchangeTab


def _service_learning() -> type[Widget]:
    from polyu_tui.ui.tabs.service_learning import ServiceLearningTab

    return ServiceLearningTab


def _research() -> type[Widget]:
    from polyu_tui.ui.tabs.research import ResearchTab

    return ResearchTab


def _agreements() -> type[Widget]:
    from polyu_tui.ui.tabs.agreements import AgreementsTab

    return AgreementsTab


def _map() -> type[Widget]:
    from polyu_tui.ui.tabs.world import MapTab

    return MapTab


TABS: tuple[TabSpec, ...] = (
    TabSpec(
        "overview",
        "Overview",
        "1",
        _overview,
        "Headline figures and the timeline",
        short=("Over.",),
    ),
    TabSpec(
        "partners",
        "Partners",
        "2",
        _partners,
        "Every partner organisation, with filter and facets",
        short=("Part.",),
    ),
    TabSpec(
        "alliances",
        "Alliances",
        "3",
        _alliances,
        "Alliances and networks, with PolyU's role",
        short=("Alli.",),
    ),
    TabSpec(
        "exchange",
        "Exchange",
        "4",
        _exchange,
        "Student exchange, WIE, dual PhD, scholarships",
        short=("Exch.",),
    ),
    TabSpec(
        "service-learning",
        "Service-Learning",
        "5",
        _service_learning,
        "Service-Learning destinations and the Rwanda programme",
        short=("SL",),
    ),
    TabSpec(
        "research",
        "Research",
        "6",
        _research,
        "Research centres, institutes and industry collaborations",
        short=("Res.",),
    ),
    TabSpec(
        "agreements",
        "Agreements",
        "7",
        _agreements,
        "Imported agreements, with expiry",
    ),
    TabSpec("map", "Map", "8", _map, "The partners on a world map, a marker per country"),
)
