"""The extension rule as data: once; at most 12 months for tasks over 24 months, 6 otherwise; requested at
least a month before the end. Boundaries exactly."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dost.research.models import ExtensionPolicy, add_months
from dost.research.services import policy_for, transition

D = datetime.date


def _running(lab, start: D, end: D):
    project = lab.project("contracting")
    return lab.move(project, "sign_contract", start_date=start, end_date=end)


def _extend(lab, project, new_end: D, requested_on: D):
    return transition(project, "extend", lab.leader, lab.decision(), new_end=new_end, requested_on=requested_on)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (D(2024, 12, 31), 6, D(2025, 6, 30)),  # a month end stays a month end
    (D(2024, 6, 30), 6, D(2024, 12, 31)),
    (D(2024, 8, 31), 6, D(2025, 2, 28)),
    (D(2024, 1, 15), 12, D(2025, 1, 15)),
    (D(2024, 12, 31), -1, D(2024, 11, 30)),
    (D(2024, 3, 31), -1, D(2024, 2, 29)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.django_db
def test_exactly_24_months_is_not_over_24_so_at_most_6(lab):
    project = _running(lab, D(2023, 1, 1), D(2024, 12, 31))
    with pytest.raises(ValidationError, match="tối đa 6 tháng"):
        _extend(lab, project, D(2025, 7, 1), D(2024, 11, 1))
    _extend(lab, project, D(2025, 6, 30), D(2024, 11, 1))
    project.refresh_from_db()
    assert project.end_date == D(2025, 6, 30) and project.original_end_date == D(2024, 12, 31)


@pytest.mark.django_db
def test_over_24_months_allows_12(lab):
    project = _running(lab, D(2023, 1, 1), D(2025, 1, 1))  # one day over 24 months
    with pytest.raises(ValidationError, match="tối đa 12 tháng"):
        _extend(lab, project, D(2026, 1, 2), D(2024, 11, 1))
    _extend(lab, project, D(2026, 1, 1), D(2024, 11, 1))
    project.refresh_from_db()
    assert project.end_date == D(2026, 1, 1)
    assert project.extensions.get().previous_end == D(2025, 1, 1)


@pytest.mark.django_db
def test_request_exactly_one_month_before_the_end_is_in_time(lab):
    project = _running(lab, D(2023, 1, 1), D(2024, 12, 31))
    _extend(lab, project, D(2025, 3, 31), D(2024, 11, 30))
    project.refresh_from_db()
    assert project.end_date == D(2025, 3, 31)


@pytest.mark.django_db
def test_request_less_than_one_month_before_the_end_is_refused(lab):
    project = _running(lab, D(2023, 1, 1), D(2024, 12, 31))
    with pytest.raises(ValidationError, match="chậm nhất ngày 30/11/2024"):
        _extend(lab, project, D(2025, 3, 31), D(2024, 12, 1))
    project.refresh_from_db()
    assert project.end_date == D(2024, 12, 31) and not project.extensions.exists()


@pytest.mark.django_db
def test_second_extension_is_refused(lab):
    project = _running(lab, D(2023, 1, 1), D(2024, 12, 31))
    _extend(lab, project, D(2025, 3, 31), D(2024, 11, 1))
    with pytest.raises(ValidationError, match="chỉ cho phép gia hạn 1 lần"):
        _extend(lab, project, D(2025, 6, 30), D(2025, 1, 15))
    project.refresh_from_db()
    assert project.end_date == D(2025, 3, 31) and project.extensions.count() == 1


@pytest.mark.django_db
def test_new_end_must_be_after_the_current_end(lab):
    project = _running(lab, D(2023, 1, 1), D(2024, 12, 31))
    with pytest.raises(ValidationError, match="phải sau ngày kết thúc hiện tại"):
        _extend(lab, project, D(2024, 12, 31), D(2024, 11, 1))


@pytest.mark.django_db
def test_a_province_changes_the_rule_as_data(lab):
    """Its own row (on an ancestor of the managing unit) wins over the default: two extensions of 9 months."""
    policy = ExtensionPolicy.objects.create(name="Quy định riêng của tỉnh", organisation=lab.world.department,
                                            max_extensions=2, short_task_max_months=9)
    project = _running(lab, D(2023, 1, 1), D(2024, 12, 31))
    assert policy_for(project) == policy
    _extend(lab, project, D(2025, 9, 30), D(2024, 11, 1))
    project.refresh_from_db()
    _extend(lab, project, D(2026, 6, 30), D(2025, 8, 1))
    project.refresh_from_db()
    assert project.end_date == D(2026, 6, 30) and project.extensions.count() == 2


@pytest.mark.django_db
def test_the_default_rule_is_a_row_seeded_by_migration():
    policy = ExtensionPolicy.objects.get(organisation__isnull=True)
    assert (policy.max_extensions, policy.long_task_months, policy.long_task_max_months,
            policy.short_task_max_months, policy.notice_months, policy.late_acceptance_months) == (1, 24, 12, 6, 1, 6)
