import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.models import AuditEntry
from dost.core.status import ReportStatus, Role, TaskStatus
from dost.plans import services
from dost.plans.models import Task
from dost.plans.status import with_status
from tests.factories import MembershipFactory, MilestoneFactory, TaskFactory, UserFactory


@pytest.mark.django_db
def test_progress_moves_only_on_acceptance(world):
    world.task.refresh_from_db()
    assert world.task.progress == 0
    services.accept_report(world.users["leader"], world.report, "Đồng ý")
    world.task.refresh_from_db()
    assert world.task.progress == Decimal("40")


@pytest.mark.django_db
def test_acceptance_records_capacity_of_a_deputy(world):
    services.accept_report(world.users["leader"], world.report)
    assert world.report.reviewer_capacity == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"


@pytest.mark.django_db
def test_acting_head_signs_with_q(world):
    acting = UserFactory()
    MembershipFactory(user=acting, organisation=world.department, role=Role.LEADER, position="Phó Giám đốc",
                      acting=True)
    services.accept_report(acting, world.report)
    assert world.report.reviewer_capacity == "Q. GIÁM ĐỐC"


@pytest.mark.django_db
def test_officer_cannot_accept_reports(world):
    with pytest.raises(PermissionDenied):
        services.accept_report(world.users["officer"], world.report)


@pytest.mark.django_db
def test_return_requires_a_comment(world):
    with pytest.raises(ValidationError):
        services.return_report(world.users["leader"], world.report, "  ")


@pytest.mark.django_db
def test_returned_report_leaves_progress_unchanged(world):
    services.return_report(world.users["leader"], world.report, "Bổ sung minh chứng")
    world.task.refresh_from_db()
    assert world.report.status == ReportStatus.RETURNED and world.task.progress == 0


@pytest.mark.django_db
def test_acceptance_marks_reported_milestones(world):
    milestone = MilestoneFactory(task=world.task)
    world.report.milestones_achieved.add(milestone)
    services.accept_report(world.users["leader"], world.report)
    milestone.refresh_from_db()
    assert milestone.achieved


@pytest.mark.django_db
def test_acceptance_changes_derived_status(world):
    today = datetime.date(2026, 6, 1)
    before = with_status(Task.objects.filter(pk=world.task.pk), today).get().status
    services.accept_report(world.users["leader"], world.report)
    after = with_status(Task.objects.filter(pk=world.task.pk), today).get().status
    assert (before, after) == (TaskStatus.NOT_STARTED, TaskStatus.ON_TRACK)


@pytest.mark.django_db
def test_parent_progress_is_budget_weighted_mean(world):
    parent = world.task
    TaskFactory(plan=parent.plan, parent=parent, budget_vnd=300, progress=Decimal("100"))
    TaskFactory(plan=parent.plan, parent=parent, budget_vnd=100, progress=Decimal("0"))
    services.roll_up(parent)
    parent.refresh_from_db()
    assert parent.progress == Decimal("75.00")


@pytest.mark.django_db
def test_parent_progress_without_weights_is_plain_mean(world):
    parent = world.task
    TaskFactory(plan=parent.plan, parent=parent, progress=Decimal("100"))
    TaskFactory(plan=parent.plan, parent=parent, budget_vnd=100, progress=Decimal("0"))
    services.roll_up(parent)
    parent.refresh_from_db()
    assert parent.progress == Decimal("50.00")


@pytest.mark.django_db
def test_override_requires_reason(world):
    with pytest.raises(ValidationError):
        services.override_progress(world.users["officer"], world.task, Decimal("80"), "", world.task.version)


@pytest.mark.django_db
def test_override_is_kept_with_reason(world):
    services.override_progress(world.users["officer"], world.task, Decimal("80"), "Đã xong phần chính", 1)
    world.task.refresh_from_db()
    assert world.task.effective_progress == Decimal("80") and world.task.override_reason == "Đã xong phần chính"


@pytest.mark.django_db
def test_acceptance_is_audited_with_the_leader(world):
    services.accept_report(world.users["leader"], world.report)
    assert AuditEntry.objects.filter(object_id=str(world.report.pk), after__status="accepted").exists()


@pytest.mark.django_db
def test_other_unit_cannot_report_progress(world):
    with pytest.raises(PermissionDenied):
        services.create_report(world.users["other_officer"], world.task, {
            "report_date": datetime.date(2026, 6, 1), "percent": Decimal("10"), "narrative": "x"})
