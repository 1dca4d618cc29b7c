"""Test settings: fast hashing, in-memory mail; the database comes from DATABASE_URL like everywhere."""

from .base import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
DOST_DEMO = True
