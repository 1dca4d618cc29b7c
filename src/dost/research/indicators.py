"""The research counts as a source of indicator figures (``dost.figures.sources``).

The Department's indicator table counts "Số đề tài, dự án" and "Số đề tài, dự án được hỗ trợ ứng dụng, nhân
rộng" by level and field (sample 001, Phụ lục II). A line of an indicator set that names one of these codes
gets its actual figures from the projects recorded here, not from hand entry.

Codes: ``research:<measure>:<level|total>:<field|total>`` with the measures of
:func:`dost.research.queries.counts_by_level_and_field`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from dost.figures.sources import SourceProvider

from .models import Level, ScienceField
from .queries import counts_by_level_and_field

PREFIX = "research"
MEASURES = {"started": _("Số đề tài, dự án"), "applied": _("Số đề tài, dự án được hỗ trợ ứng dụng, nhân rộng")}


def code(measure: str, level: str = "total", field: str = "total") -> str:
    return f"{PREFIX}:{measure}:{level}:{field}"


def _choices() -> tuple[tuple[str, str], ...]:
    levels = [("total", _("mọi cấp")), *Level.choices]
    fields = [("total", _("mọi lĩnh vực")), *ScienceField.choices]
    return tuple(
        (code(measure, level, field), format_lazy("{} — {}, {}", measure_label, level_label, field_label))
        for measure, measure_label in MEASURES.items()
        for level, level_label in levels
        for field, field_label in fields
    )


def resolve(organisation: Any, year: int) -> dict[str, Decimal]:
    """Every code's value for the organisation's projects in ``year`` (one aggregate query)."""
    counts = counts_by_level_and_field(organisation, year)
    return {
        code(measure, level, field): Decimal(n)
        for measure, table in counts.items()
        for level, row in table.items()
        for field, n in row.items()
    }


def provider() -> SourceProvider:
    return SourceProvider(prefix=PREFIX, label=_("Nhiệm vụ KH&CN"), choices=_choices(), resolve=resolve)
