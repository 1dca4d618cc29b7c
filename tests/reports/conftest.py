import pytest


@pytest.fixture
def sample(world):
    from dost.figures.demo import seed_sample_figures

    return seed_sample_figures(world.department, world.users["admin"])


@pytest.fixture
def consistent_sample(sample, world):
    """The sample with its one inconsistency fixed (the national-level fields of 2022 summed to 2, not 1)."""
    from decimal import Decimal

    from dost.figures import services
    from dost.figures.models import Indicator

    line = Indicator.objects.filter(indicator_set=sample["indicators"], label__startswith="- Lĩnh vực văn hoá",
                                    parent__label="Cấp Quốc gia", parent__parent__ref="I").get()
    indicator_set = sample["indicators"]
    indicator_set.refresh_from_db()
    services.save_indicator_grid(world.users["admin"], indicator_set, {(line.pk, "prev_actual"): Decimal(0)},
                                 indicator_set.version)
    return sample
