"""Indicator lines whose actual figures come from a registered source instead of hand entry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dost.figures import services, sources
from dost.figures.models import IndicatorSet, IndicatorValue
from tests.factories import PASSWORD

CODE = "test:projects:total:total"


@pytest.fixture
def provider():
    """A provider counting by year, so a test sees which year each column was asked for."""
    registered = sources.SourceProvider(
        prefix="test", label="Nguồn thử", choices=((CODE, "Số dự án thử"),),
        resolve=lambda organisation, year: {CODE: Decimal(year - 2000)})
    sources.register_source(registered)
    yield registered
    sources._PROVIDERS.pop("test", None)


@pytest.fixture
def sourced(world, provider):
    indicator_set = IndicatorSet.objects.create(organisation=world.department, year=2026)
    line = services.add_line(world.users["leader"], indicator_set, None,
                             services.LineSpec(level=1, label="Số đề tài, dự án", unit="ĐT, DA", source=CODE))
    return indicator_set, line


def _value(line, year):
    return IndicatorValue.objects.filter(indicator=line, year=year).first()


@pytest.mark.django_db
def test_refresh_writes_actuals_of_both_years_from_the_source(world, sourced):
    indicator_set, line = sourced
    changed = services.refresh_sourced_actuals(world.users["leader"], indicator_set)
    assert changed == 2
    assert _value(line, 2025).actual == Decimal(25)
    assert _value(line, 2026).actual == Decimal(26)


@pytest.mark.django_db
def test_refresh_leaves_the_typed_plan_alone(world, sourced):
    indicator_set, line = sourced
    services.save_indicator_grid(world.users["leader"], indicator_set, {(line.pk, "plan"): Decimal(30)},
                                 indicator_set.version)
    services.refresh_sourced_actuals(world.users["leader"], indicator_set)
    assert _value(line, 2026).plan == Decimal(30)


@pytest.mark.django_db
def test_sourced_actuals_cannot_be_typed(world, sourced):
    indicator_set, line = sourced
    with pytest.raises(ValidationError):
        services.save_indicator_grid(world.users["leader"], indicator_set, {(line.pk, "actual"): Decimal(1)},
                                     indicator_set.version)
    assert _value(line, 2026) is None


@pytest.mark.django_db
def test_unknown_source_is_refused(world, provider):
    indicator_set = IndicatorSet.objects.create(organisation=world.department, year=2026)
    with pytest.raises(ValidationError):
        services.add_line(world.users["leader"], indicator_set, None,
                          services.LineSpec(level=1, label="Dòng", source="test:nothing"))


@pytest.mark.django_db
def test_refresh_needs_the_right_to_edit(world, sourced):
    indicator_set, _line = sourced
    response = _client(world, "viewer").post(reverse("indicator_set_refresh", args=[indicator_set.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_page_shows_the_source_and_locks_its_cells(world, sourced):
    indicator_set, line = sourced
    client = _client(world, "leader")
    assert client.post(reverse("indicator_set_refresh", args=[indicator_set.pk])).status_code == 302
    page = client.get(indicator_set.get_absolute_url()).content.decode()
    assert "Số dự án thử" in page
    assert f'name="v-{line.pk}-actual"' not in page
    assert f'name="v-{line.pk}-plan"' in page


def _client(world, role: str) -> Client:
    client = Client()
    assert client.login(username=world.users[role].username, password=PASSWORD)
    return client
