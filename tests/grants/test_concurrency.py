"""Two leaders deciding at the same moment never together exceed the year's envelope (PostgreSQL).

Each thread has its own database connection and transaction; the envelope row lock makes the second
decision wait for the first and then see its amount. SQLite cannot show the race: it serialises writers
(transactions start IMMEDIATE) and has no row locks, so the test runs on PostgreSQL only.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from dost.core.status import ApplicationStatus
from dost.grants import services
from dost.grants.models import Application


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_never_exceed_the_envelope(grants):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks: SQLite serialises whole transactions, so there is no race to show")
    first = grants.appraised(cost=140_000_000, quantity=2)  # proposes 70.000.000
    second = grants.appraised(cost=140_000_000, quantity=2)
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def decide(application: Application) -> None:
        try:
            barrier.wait(timeout=10)
            services.decide(grants.leader, application, 70_000_000)  # fits alone (100 M), not together
            outcomes[application.pk] = "decided"
        except ValidationError as error:
            outcomes[application.pk] = " ".join(error.messages)
        except Exception as error:  # anything else is reported by the assertion below
            outcomes[application.pk] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    decided = [pk for pk, outcome in outcomes.items() if outcome == "decided"]
    refused = [outcome for outcome in outcomes.values() if outcome != "decided"]
    assert len(decided) == 1 and len(refused) == 1 and "Vượt dự toán" in refused[0], outcomes
    assert Application.objects.filter(status=ApplicationStatus.DECIDED).count() == 1
    assert services.envelope_status(grants.programme, 2026).committed == 70_000_000
