"""The app as the screens and widgets see it: one typed accessor, cast once here.

``host(self)`` from any widget gives what the UI uses of the running ``PolyuApp``,
typed, without importing the app module (which imports the widgets: no circle).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from datetime import date

    from textual.dom import DOMNode
    from textual.widget import Widget

    from polyu_tui.data.agreements.view import AgreementView
    from polyu_tui.data.partners import PartnerView
    from polyu_tui.data.store import Store
    from polyu_tui.ui.presenter.options import PresenterOptions


class Host(Protocol):
    """What the UI uses of the app, beyond Textual's own App."""

    @property
    def store(self) -> Store: ...

    @property
    def partner_preload(self) -> PartnerView | None: ...

    @property
    def agreement_preload(self) -> AgreementView | None: ...

    @property
    def presenter(self) -> PresenterOptions | None: ...

    @property
    def today(self) -> date: ...

    def open_record(self, record_id: str, *, from_link: bool = False) -> None: ...

    def key_bar(self) -> Widget: ...

    def record_in_focus(self) -> str | None: ...


def host(node: DOMNode) -> Host:
    """The running app, typed as the UI uses it (PolyuApp implements Host)."""
    return cast("Host", node.app)
