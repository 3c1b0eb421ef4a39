"""Tab 8: the partners on a world map, with a legend that says what a marker means."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from polyu_tui.ui.styles import css_beside
from polyu_tui.ui.tabs.base import TabView
from polyu_tui.ui.widgets.world_map import HOME_GLYPH, WorldMap, levels

if TYPE_CHECKING:
    from polyu_tui.data.store import Store
    from polyu_tui.data.world import WorldData

SOURCE_NOTE = (
    "Land: Natural Earth 1:110m (public domain). Where each country is: a reference "
    "point (†, not from the article)."
)


def plural(count: int, word: str = "partner") -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def legend(data: WorldData) -> Content:
    """What a marker's size means, for the counts on the map now."""
    parts: list[str | tuple[str, str]] = [(HOME_GLYPH, "bold $accent"), " Hong Kong, home  "]
    for glyph, low, high in levels(data.largest):
        span = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        parts += [(glyph, "bold $warning"), f" {span}  "]
    parts.append(("partners per country or region", "$text-muted"))
    if data.unplaced:
        parts.append(
            (f" · {plural(data.unplaced)} not on the map (no country or point)", "$text-muted")
        )
    return Content.assemble(*parts)


class MapTab(TabView):
    DEFAULT_CSS = css_beside(__file__, "world.tcss")

    def compose(self) -> ComposeResult:
        yield WorldMap(id="world-map")
        yield Static(id="map-status", classes="map-line")
        yield Static(id="map-legend", classes="map-line")
        yield Static(SOURCE_NOTE, id="map-source", classes="map-line note")

    def fetch(self, store: Store) -> Any:
        from polyu_tui.data.world import world_data

        return store.run(world_data)

    def show(self, data: Any) -> None:
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
        home = " · PolyU's home" if marker.home else ""
        status.update(
            Content.assemble(
                (where, "bold"),
                f": {plural(marker.count)}{home}  ",
                (f"[{message.view_name}]", "$text-muted"),
                ("  Enter opens it · arrows move · +/- zoom · z region", "$text-muted"),
            )
        )
