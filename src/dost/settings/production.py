"""Production settings: DEBUG off, secure cookies, HSTS, strict CSP; secrets from the environment."""

import os

from .base import *  # noqa: F401,F403
from .base import STORAGES

DEBUG = False
DOST_DEMO = False
SECRET_KEY = os.environ["DOST_SECRET_KEY"]
SESSION_COOKIE_SECURE = os.environ.get("DOST_INSECURE_COOKIES") != "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DOST_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = os.environ.get("DOST_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
