"""``core.heartbeat.beating``: a thread keeps a running job's heartbeat fresh while the block runs."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import connection, transaction

from dost.core.heartbeat import beating
from dost.core.models import AuditEntry
from dost.reports.models import PeriodicReport
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the beat writes through its own connection

LONG_AGO = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@pytest.fixture
def report():
    report = PeriodicReport.objects.create(
        organisation=OrganisationFactory(), period_kind="annual", start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31), title="Báo cáo năm 2025", created_by=UserFactory())
    PeriodicReport.objects.filter(pk=report.pk).update(heartbeat_at=LONG_AGO)
    return report


def _heartbeat(report) -> datetime.datetime:
    return PeriodicReport.objects.values_list("heartbeat_at", flat=True).get(pk=report.pk)


def test_the_heartbeat_moves_while_the_block_runs(report):
    with beating(PeriodicReport, report.pk, every=0.05):
        time.sleep(0.4)
    assert _heartbeat(report) > LONG_AGO


def test_the_heartbeat_stops_with_the_block(report):
    with beating(PeriodicReport, report.pk, every=0.05):
        time.sleep(0.2)
    after = _heartbeat(report)
    time.sleep(0.2)
    assert _heartbeat(report) == after


def test_an_error_in_the_block_stops_the_beat_and_passes_through(report):
    with pytest.raises(RuntimeError), beating(PeriodicReport, report.pk, every=0.05):
        raise RuntimeError("render failed")
    after = _heartbeat(report)
    time.sleep(0.2)
    assert _heartbeat(report) == after


def test_beats_leave_no_audit_rows(report):
    before = AuditEntry.objects.count()
    with beating(PeriodicReport, report.pk, every=0.05):
        time.sleep(0.3)
    assert AuditEntry.objects.count() == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
def test_a_beat_never_waits_for_a_row_its_own_caller_has_locked(report):
    started = time.monotonic()
    with transaction.atomic():
        PeriodicReport.objects.select_for_update().filter(pk=report.pk).exists()
        with beating(PeriodicReport, report.pk, every=0.05):
            time.sleep(0.3)
    assert time.monotonic() - started < 5  # the block's exit did not wait for a beat stuck behind the lock
    assert _heartbeat(report) == LONG_AGO  # every beat was skipped while the row was held
