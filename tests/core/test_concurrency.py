import pytest

from dost.core.mixins import StaleEditError
from dost.plans.models import Plan
from tests.factories import PlanFactory


@pytest.mark.django_db
def test_save_with_current_version_bumps_it():
    plan = PlanFactory()
    plan.title = "Mới"
    plan.save_checked(plan.version)
    assert Plan.objects.get(pk=plan.pk).version == 2


@pytest.mark.django_db
def test_stale_edit_is_refused_and_changes_nothing():
    plan = PlanFactory(title="Gốc")
    first, second = Plan.objects.get(pk=plan.pk), Plan.objects.get(pk=plan.pk)
    first.title = "Sửa lần 1"
    first.save_checked(1)
    second.title = "Sửa lần 2 (cũ)"
    with pytest.raises(StaleEditError):
        second.save_checked(1)
    assert Plan.objects.get(pk=plan.pk).title == "Sửa lần 1"
