"""Every key binding of the app, by where it works: for the help, the keymap and
``polyu-tui config keys``. Read from the widgets' own BINDINGS, so it stays true.

The widgets' modules are imported when this is called (help, a keymap file, the
command), not when the app starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from textual.app import App
from textual.binding import Binding, BindingType
from textual.widgets import OptionList

Sections = list[tuple[str, list[BindingType]]]

# The palette's key is Textual's own (App.COMMAND_PALETTE_BINDING), listed for the help.
PALETTE = Binding("ctrl+p", "command_palette", "Commands", tooltip="Open records, tabs, themes")


def binding_sections(everywhere: list[BindingType]) -> Sections:
    """(where, bindings) for every part of the app; ``everywhere``: the app's own."""
    from polyu_tui.ui.help_screen import HelpScreen
    from polyu_tui.ui.search.result_list import ResultList
    from polyu_tui.ui.search.screen import SearchScreen
    from polyu_tui.ui.tabs.agreements import AgreementsTab
    from polyu_tui.ui.tabs.overview import GridCard, Timeline
    from polyu_tui.ui.tabs.partners import PartnersTab
    from polyu_tui.ui.tabs.world import MapTab
    from polyu_tui.ui.widgets.agreement_table import AgreementTable
    from polyu_tui.ui.widgets.detail import DetailPanel
    from polyu_tui.ui.widgets.facet_select import FacetMenu, FacetSelect
    from polyu_tui.ui.widgets.filter_input import FilterInput
    from polyu_tui.ui.widgets.partner_table import PartnerTable
    from polyu_tui.ui.widgets.record_list import RecordList
    from polyu_tui.ui.widgets.world_map import WorldMap

    return [
        ("Everywhere", list(everywhere)),
        ("Lists", [*RecordList.BINDINGS, *OptionList.BINDINGS]),
        ("Overview", [*GridCard.BINDINGS, *Timeline.BINDINGS]),
        ("Partners table", [*PartnerTable.BINDINGS, *PartnersTab.BINDINGS]),
        ("Partners facets", [*FacetSelect.BINDINGS, *FacetMenu.BINDINGS]),
        ("Filter boxes", list(FilterInput.BINDINGS)),
        ("Agreements table", [*AgreementTable.BINDINGS, *AgreementsTab.BINDINGS]),
        ("Detail panel", list(DetailPanel.BINDINGS)),
        ("World map", [*WorldMap.BINDINGS, *MapTab.BINDINGS]),
        ("Search", [*SearchScreen.BINDINGS, *ResultList.BINDINGS]),
        ("Help", list(HelpScreen.BINDINGS)),
        ("Command palette", [PALETTE]),
    ]


def with_ids(sections: Sections) -> Iterator[tuple[str, Binding]]:
    """(where, binding) for every binding that has an id: those a keymap can change."""
    for title, bindings in sections:
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                yield title, binding


def _keys(keys: str) -> list[str]:
    """'?,ctrl+k' -> ['question_mark', 'ctrl+k']: keys as Textual matches them."""
    return App._normalize_keymap({"": keys})[""].split(",")


def taken_keys(
    sections: Sections, keymap: Mapping[str, str], key_display: Callable[[Binding], str]
) -> list[str]:
    """What the user's keymap takes from bindings it does not change: 'q no longer does
    “Quit polyu-tui”'. A key given to one binding of a part of the app is no longer the
    key of another binding there (Textual drops the other binding without a word)."""
    out: list[str] = []
    for _title, bindings in sections:
        ours = [b for b in bindings if isinstance(b, Binding)]
        given = {key for b in ours if b.id in keymap for key in _keys(keymap[str(b.id)])}
        for binding in ours:
            if binding.id in keymap:
                continue
            for key in _keys(binding.key):
                if key in given:
                    what = binding.tooltip or binding.description
                    out.append(f"{key_display(binding.with_key(key))} no longer does “{what}”")
    return list(dict.fromkeys(out))


# Where a part of the app may take a key the whole app uses: the overlays (the key
# closes them, as they cover the app), the panel, whose own Back and Close are the
# app's, and a filter box, which Escape leaves first (the next Escape is Back).
MAY_TAKE_APP_KEYS = frozenset({"Partners facets", "Search", "Help", "Detail panel", "Filter boxes"})


def shadowed_keys(sections: Sections) -> list[str]:
    """Keys a part of the app takes from the whole app (the first section's): while
    the focus is there, the app's binding never fires. 'World map: m is Expiring, not
    Maximize'."""
    everywhere = [b for b in sections[0][1] if isinstance(b, Binding)]
    app_keys = {key: b for b in everywhere for key in _keys(b.key)}
    out: list[str] = []
    for title, bindings in sections[1:]:
        if title in MAY_TAKE_APP_KEYS:
            continue
        for binding in bindings:
            if not isinstance(binding, Binding):
                continue
            for key in _keys(binding.key):
                taken = app_keys.get(key)
                if taken is not None and taken.action != binding.action:
                    out.append(f"{title}: {key} is {binding.description}, not {taken.description}")
    return out


def keymap_template(sections: Sections) -> str:
    """A keymap.toml listing every binding id with its default keys, commented out:
    uncomment a line and change its keys to remap it."""
    lines = [
        "# polyu-tui keymap: binding id = keys. Uncomment a line and change its keys;",
        '# several keys are separated by commas ("ctrl+f,f3"). Key names as Textual',
        "# writes them: ctrl+x, shift+tab, f1, enter, escape, slash, question_mark, a, G.",
    ]
    seen: set[str] = set()
    for title, binding in with_ids(sections):
        if binding.id in seen:
            continue
        if f"# {title}" not in lines:
            lines += ["", f"# {title}"]
        seen.add(str(binding.id))
        what = binding.tooltip or binding.description
        lines.append(f'# "{binding.id}" = "{binding.key}"  # {what}')
    return "\n".join(lines) + "\n"
