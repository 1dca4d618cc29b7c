import pytest


@pytest.fixture
def sample(world):
    """Sample 001's appendices II, III and V entered for the world's department by its administrator."""
    from dost.figures.demo import seed_sample_figures

    return seed_sample_figures(world.department, world.users["admin"])
