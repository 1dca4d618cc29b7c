"""Per-app parts of the authorization matrix (``tests/test_authorization_matrix.py`` merges them).

Each module defines ``PAGES`` and ``API`` in the matrix's format, ``APPLICANT`` (URL name → the applicant's
answer, for pages an applicant may open), ``PAYLOADS`` (payload kind → ``f(world, objects) -> dict``) and
``objects(world, base) -> dict`` returning the app's objects for the URLs (``base`` holds the shared ones).
"""

from tests.authz import councils, research

MODULES = (councils, research)
