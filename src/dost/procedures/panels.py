"""Extension points of the dossier engine for the apps built on it (the engine never imports them).

An app such as ``grants`` registers, in its ``AppConfig.ready``, a function that renders an extra panel on the
officer's dossier page (e.g. the appraisal of the support amount); the engine calls whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PanelRenderer = Callable[[Any, Any], str | None]  # (request, dossier) -> HTML or None
_panels: list[PanelRenderer] = []


def register_panel(renderer: PanelRenderer) -> None:
    if renderer not in _panels:
        _panels.append(renderer)


def render_panels(request: Any, dossier: Any) -> list[str]:
    return [html for html in (renderer(request, dossier) for renderer in _panels) if html]
