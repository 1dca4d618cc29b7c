"""Indicator lines whose actual figures come from another app's records instead of hand entry.

The indicator tables count things dost already knows: the number of research projects by level and field a
year, for instance. Such a line names a *source* (a code like ``research:started:provincial:agriculture``);
its actual figures are then written by :func:`dost.figures.services.refresh_sourced_actuals` from the
providing app, never typed. Providers register here from their ``AppConfig.ready()`` so that figures imports
none of them (the research app registers its counts; a new app adds its own the same way).

A provider answers for one organisation and one year with all its codes at once, so a refresh costs one
query per provider and year, whatever the number of lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Resolver = Callable[[Any, int], dict[str, Decimal]]


@dataclass(frozen=True)
class SourceProvider:
    prefix: str  # "research": every code of this provider starts with "research:"
    label: Any  # (lazy) text shown beside a sourced line: "Nhiệm vụ KH&CN"
    choices: tuple[tuple[str, Any], ...]  # (code, lazy label) offered when a line is created
    resolve: Resolver  # (organisation, year) -> {code: value}


_PROVIDERS: dict[str, SourceProvider] = {}


def register_source(provider: SourceProvider) -> None:
    _PROVIDERS[provider.prefix] = provider


def provider_for(code: str) -> SourceProvider | None:
    return _PROVIDERS.get(code.split(":", 1)[0]) if code else None


def source_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select box: one group per provider."""
    providers = sorted(_PROVIDERS.values(), key=lambda p: p.prefix)
    return [(str(p.label), [(c, str(label)) for c, label in p.choices]) for p in providers]


def source_label(code: str) -> str:
    provider = provider_for(code)
    if provider is None:
        return code
    return next((str(label) for c, label in provider.choices if c == code), code)


def is_known(code: str) -> bool:
    provider = provider_for(code)
    return provider is not None and any(c == code for c, _label in provider.choices)


def resolve(codes: set[str], organisation: Any, year: int) -> dict[str, Decimal]:
    """The values of ``codes`` for ``organisation`` in ``year``: one call per provider concerned."""
    values: dict[str, Decimal] = {}
    for prefix in sorted({code.split(":", 1)[0] for code in codes}):
        provider = _PROVIDERS.get(prefix)
        if provider is None:
            continue
        answered = provider.resolve(organisation, year)
        values.update({code: answered[code] for code in codes if code in answered})
    return values
