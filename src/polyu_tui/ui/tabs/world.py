"""Tab 8: the partners on a world map, with a legend that says what a marker means."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from polyu_tui.data.format import value_label
from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.widgets.world_map import HOME_GLYPH, WorldMap, levels

if TYPE_CHECKING:
    from polyu_tui.data.store import Store
    from polyu_tui.data.world import WorldData

SOURCE_NOTE = (
    "Land: Natural Earth 1:110m, public domain · where a country is: a reference point (†), "
    "not the article"
)


def plural(count: int, word: str = "partner") -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def legend(data: WorldData) -> Content:
    """What a marker's size means, for the counts on the map now."""
    parts: list[str | tuple[str, str]] = []
    if data.filters:
        shown = ", ".join(value_label(value) for value in data.filters.values())
        keys = "  (t, m)  " if data.unit == "agreements" else "  (t, r)  "
        parts += [("Only: ", "$text-muted"), (shown, "bold $text-accent"), (keys, "$text-muted")]
    parts += [(HOME_GLYPH, "bold $text-accent"), " Hong Kong (home)  "]
    for glyph, low, high in levels(data.largest):
        span = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        parts += [(glyph, "bold $warning"), f" {span}  "]
    parts.append((f"{data.unit} in a country or region", "$text-muted"))
    if data.unplaced:
        parts.append((f" · {data.unplaced:,} with no place on the map", "$text-muted"))
    return Content.assemble(*parts)


def next_choice(current: str | None, choices: tuple[str, ...]) -> str | None:
    """The filter after ``current``: all, then each choice in turn, then all again."""
    cycle: list[str | None] = [None, *choices]
    position = cycle.index(current) if current in cycle else 0
    return cycle[(position + 1) % len(cycle)]


class MapTab(TabView):
    """The world map, its status line (the selected country), legend and sources.

    ``t`` and ``r`` step through the Partners tab's Type and Relation facets: the
    markers then count only those partners ("research partners", "companies").
    """

    DEFAULT_CSS = css_beside(__file__, "world.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "filter('kind')",
            "Type",
            id="map.type",
            tooltip="Count only one type of partner (university, company, …); again for the next",
        ),
        Binding(
            "a",
            "count_agreements",
            "Agreements",
            id="map.agreements",
            tooltip="Count imported agreements instead of partners, or partners again",
        ),
        # Not m: that is the app's Maximize and Restore, wherever the focus is.
        Binding(
            "w",
            "expiring",
            "Expiring",
            id="map.expiring",
            tooltip="Agreements: only those ending within 6 months, or all again",
        ),
        Binding(
            "r",
            "filter('relation')",
            "Relation",
            id="map.relation",
            tooltip="Count only one relation (education, research, WIE, …); again for the next",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind: str | None = None
        self.relation: str | None = None
        self.agreements = False  # count imported agreements, not partners
        self.agreement_type: str | None = None
        self.expiring_only = False
        self.imported = False  # the database has imported agreements
        self.data: WorldData | None = None

    def compose(self) -> ComposeResult:
        # No markers until the data is read: set_data gives them to it.
        yield WorldMap(id="world-map")
        yield Static(id="map-status", classes="map-line")
        yield Static(id="map-legend", classes="map-line")
        yield Static(SOURCE_NOTE, id="map-source", classes="map-line note")

    def fetch(self, store: Store) -> Any:
        from polyu_tui.data.world import agreement_data, has_imported_agreements, world_data

        kind, relation = self.kind, self.relation
        agreement_type, expiring = self.agreement_type, self.expiring_only
        if self.agreements:
            return store.run(
                lambda conn: agreement_data(conn, agreement_type=agreement_type, expiring=expiring)
            )
        data = store.run(lambda conn: world_data(conn, kind=kind, relation=relation))
        self.imported = store.run(has_imported_agreements)
        return data

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "count_agreements":
            return self.imported or self.agreements
        if action == "expiring":
            return self.agreements
        if action == "filter" and parameters == ("relation",):
            return not self.agreements
        return True

    def action_count_agreements(self) -> None:
        self.agreements = not self.agreements
        self.load()

    def action_expiring(self) -> None:
        self.expiring_only = not self.expiring_only
        self.load()

    def action_filter(self, facet: str) -> None:
        if self.data is None:
            return
        if self.agreements:
            self.agreement_type = next_choice(self.agreement_type, self.data.agreement_types)
        elif facet == "kind":
            self.kind = next_choice(self.kind, self.data.kinds)
        else:
            self.relation = next_choice(self.relation, self.data.relations)
        self.load()

    def show(self, data: Any) -> None:
        self.data = data
        self.refresh_bindings()
        self.query_one("#map-legend", Static).update(legend(data))
        world = self.query_one("#world-map", WorldMap)
        world.set_data(data)
        if not data.markers:
            self.query_one("#map-status", Static).update(
                "No country in this database has a point to place it by."
            )

    def on_world_map_selected(self, message: WorldMap.Selected) -> None:
        marker = message.marker
        status = self.query_one("#map-status", Static)
        if marker is None:
            return
        where = f"{marker.name} ({marker.code})" if marker.code else marker.name
        unit = self.data.unit if self.data is not None else "partners"
        home = " · PolyU's home" if marker.home else ""
        status.update(
            Content.assemble(
                (where, "bold"),
                f": {plural(marker.count, unit.removesuffix('s'))}{home}",
                (f" · {message.view_name} · Enter opens it", "$text-muted"),
            )
        )
