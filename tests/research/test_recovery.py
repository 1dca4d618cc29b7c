"""Fund recovery on termination and failed acceptance: the amount to recover, what was recovered and when."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dost.research.services import transition

D = datetime.date


@pytest.mark.django_db
def test_termination_records_the_amount_to_recover(lab):
    project = lab.project("terminated")
    assert (project.status, project.recovery_required_vnd, project.recovered_vnd) == ("terminated", 300_000_000, 0)


@pytest.mark.django_db
def test_recovery_in_parts_up_to_the_amount(lab):
    project = lab.project("terminated")
    transition(project, "recover", lab.officer, lab.decision("GNT-KBNN"), amount_vnd=200_000_000,
               recovered_on=D(2025, 2, 1))
    transition(project, "recover", lab.officer, lab.decision("GNT-KBNN"), amount_vnd=100_000_000,
               recovered_on=D(2025, 4, 1))
    project.refresh_from_db()
    assert (project.recovered_vnd, project.recovered_on, project.recovery_outstanding_vnd) == (
        300_000_000, D(2025, 4, 1), 0)


@pytest.mark.django_db
def test_recovering_more_than_due_is_refused(lab):
    project = lab.project("terminated")
    with pytest.raises(ValidationError, match="Vượt số phải thu hồi"):
        transition(project, "recover", lab.officer, lab.decision(), amount_vnd=300_000_001,
                   recovered_on=D(2025, 2, 1))
    project.refresh_from_db()
    assert project.recovered_vnd == 0


@pytest.mark.django_db
def test_recovery_date_cannot_be_in_the_future(lab):
    project = lab.project("terminated")
    with pytest.raises(ValidationError, match="sau ngày hôm nay"):
        transition(project, "recover", lab.officer, lab.decision(), amount_vnd=1,
                   recovered_on=datetime.date.today() + datetime.timedelta(days=10))


@pytest.mark.django_db
def test_failed_acceptance_then_recovery_decided(lab):
    project = lab.project("not_passed")
    assert project.recovery_required_vnd is None
    with pytest.raises(ValidationError, match="không có khoản kinh phí phải thu hồi"):
        transition(project, "recover", lab.officer, lab.decision(), amount_vnd=1, recovered_on=D(2025, 2, 1))
    transition(project, "set_recovery", lab.leader, lab.decision(), recovery_required_vnd=425_000_000)
    transition(project, "recover", lab.officer, lab.decision(), amount_vnd=425_000_000, recovered_on=D(2025, 5, 5))
    project.refresh_from_db()
    assert (project.recovery_required_vnd, project.recovered_vnd) == (425_000_000, 425_000_000)


@pytest.mark.django_db
def test_recovery_cannot_exceed_the_state_budget(lab):
    project = lab.project("implementing")
    with pytest.raises(ValidationError, match="vượt kinh phí ngân sách"):
        transition(project, "terminate", lab.leader, lab.decision(), note="Dừng", recovery_required_vnd=900_000_000)


@pytest.mark.django_db
def test_amount_to_recover_cannot_fall_below_what_was_recovered(lab):
    project = lab.project("terminated")
    transition(project, "recover", lab.officer, lab.decision(), amount_vnd=200_000_000, recovered_on=D(2025, 2, 1))
    with pytest.raises(ValidationError, match="không được nhỏ hơn số đã thu hồi"):
        transition(project, "set_recovery", lab.leader, lab.decision(), recovery_required_vnd=100_000_000)
