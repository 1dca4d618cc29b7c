"""The research counts feed the indicator tables: a sourced line's actual figures come from the projects."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dost.figures import services as figures
from dost.figures.models import IndicatorSet, IndicatorValue
from dost.research import indicators
from dost.research.queries import counts_by_level_and_field


@pytest.mark.django_db
def test_research_codes_are_offered_for_indicator_lines():
    from dost.figures.sources import is_known, source_label

    assert is_known(indicators.code("started", "provincial", "agriculture"))
    assert "Cấp tỉnh" in source_label(indicators.code("started", "provincial", "agriculture"))


@pytest.mark.django_db
def test_indicator_lines_take_the_projects_counts(lab):
    world = lab.world
    lab.project("implementing")  # provincial agriculture, contract from 2023
    lab.project("implementing", field="industry")
    lab.project("contracting")  # not started: not counted
    indicator_set = IndicatorSet.objects.create(organisation=world.department, year=2023)
    total = figures.add_line(world.users["leader"], indicator_set, None, figures.LineSpec(
        level=1, label="Số đề tài, dự án", unit="ĐT, DA", source=indicators.code("started")))
    farming = figures.add_line(world.users["leader"], indicator_set, total, figures.LineSpec(
        level=2, label="Lĩnh vực nông nghiệp", unit="ĐT, DA",
        source=indicators.code("started", "provincial", "agriculture")))
    figures.refresh_sourced_actuals(world.users["leader"], indicator_set)
    assert counts_by_level_and_field(world.department, 2023)["started"]["total"]["total"] == 2
    assert IndicatorValue.objects.get(indicator=total, year=2023).actual == Decimal(2)
    assert IndicatorValue.objects.get(indicator=farming, year=2023).actual == Decimal(1)
    assert IndicatorValue.objects.get(indicator=total, year=2022).actual == Decimal(0)
