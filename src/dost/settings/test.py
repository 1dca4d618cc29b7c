"""Test settings: fast hashing, in-memory mail; the database comes from DATABASE_URL like everywhere."""

import os

from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DOST_DEMO = True
DOST_REQUIRE_2FA = False  # tests that need it switch it on with the ``settings`` fixture

# Axes stays on (tests of the login page are throttled as in production), but the test client's login()
# authenticates without a request, which axes' own backend refuses; this one lets exactly that through.
AUTHENTICATION_BACKENDS = [
    "dost.core.security.RequestOptionalAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# A file-backed SQLite test database, so that a real task worker process (e2e tests) sees the same data
# (the worker is given its path in DATABASE_URL). One file per test run, so that runs can go in parallel.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("DOST_SQLITE_TEST_NAME") or str(DATA_DIR / f"test-dost-{os.getpid()}.sqlite3")  # noqa: F405
    }
