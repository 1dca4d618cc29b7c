"""Extension points of the dossier engine for the apps built on it (the engine never imports them).

An app such as ``grants`` registers, in its ``AppConfig.ready``, a function that renders an extra panel on the
officer's dossier page (e.g. the appraisal of the support amount); the engine calls whatever is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.html import conditional_escape

PanelRenderer = Callable[[Any, Any], str | None]  # (request, dossier) -> HTML (a SafeString) or None
_panels: list[PanelRenderer] = []


def register_panel(renderer: PanelRenderer) -> None:
    if renderer not in _panels:
        _panels.append(renderer)


def _safe(htmls: Any) -> list[str]:
    """Rendered templates (``render_to_string`` returns safe strings) pass as they are; any plain string a
    renderer returns is escaped, so a panel can never inject markup by accident."""
    return [conditional_escape(html) for html in htmls if html]


def render_panels(request: Any, dossier: Any) -> list[str]:
    return _safe(renderer(request, dossier) for renderer in _panels)


ApprovalGuard = Callable[[Any], str | None]  # (dossier) -> why it may not be approved yet, or None
_guards: list[ApprovalGuard] = []


def register_approval_guard(guard: ApprovalGuard) -> None:
    """Apps whose decision must come first (e.g. a support amount within the envelope) veto a plain approval."""
    if guard not in _guards:
        _guards.append(guard)


def approval_problems(dossier: Any) -> list[str]:
    return [problem for problem in (guard(dossier) for guard in _guards) if problem]


_applicant_panels: list[PanelRenderer] = []


def register_applicant_panel(renderer: PanelRenderer) -> None:
    """A panel on the applicant's own dossier page (e.g. choosing the support asked for)."""
    if renderer not in _applicant_panels:
        _applicant_panels.append(renderer)


def render_applicant_panels(request: Any, dossier: Any) -> list[str]:
    return _safe(renderer(request, dossier) for renderer in _applicant_panels)

