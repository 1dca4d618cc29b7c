"""Base settings shared by every environment.

The embedded default is SQLite in the project's data directory so that ``make run`` works on a bare
machine; ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# src/dost -> src -> project root (editable install keeps the package inside the checkout).
PROJECT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("DOST_DATA_DIR", PROJECT_DIR / "var"))
NODE_MODULES = Path(os.environ.get("DOST_NODE_MODULES", PROJECT_DIR / "node_modules"))

SECRET_KEY = os.environ.get("DOST_SECRET_KEY", "dev-insecure-key-change-me-in-production-0123456789")
DEBUG = os.environ.get("DOST_DEBUG", "1") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("DOST_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

# Shown on the login page: the demo has no two-factor authentication (production enforces it).
DOST_DEMO = os.environ.get("DOST_DEMO", "1") == "1"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # the ten backup codes given at enrolment
    "axes",
    "dost.core",
    "dost.plans",
    "dost.documents",
    "dost.figures",
    "dost.reports",
    "dost.procedures",
    "dost.grants",
    "dost.councils",
    "dost.research",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Per-user reads kept across requests until the database renews its token (dost.core.memo).
    "dost.core.memo.MemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dost.core.middleware.TwoFactorMiddleware",
    "dost.core.middleware.ApplicantAreaMiddleware",
    "dost.core.middleware.AuditActorMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during the view into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dost.urls"
WSGI_APPLICATION = "dost.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "dost.core.context_processors.dost",
            ],
            "builtins": ["dost.core.templatetags.dost_format"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'dost.sqlite3'}"),
        conn_max_age=int(os.environ.get("DOST_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: on these short queries it cost 10–50 ms per query for nothing (make bench).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("DOST_SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's validators; the minimum length one is ours only for its Vietnamese message (see core.passwords).
# They apply where people choose passwords (registration, the admin); seeded demo users use set_password.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "dost.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): 5 failures for one username from one address lock that pair out for 15
# minutes (attempts during the lockout do not extend it); a successful login clears the count. Counting per
# pair, not per address alone, keeps one office behind a shared address from locking everyone out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out pairs; authenticates nobody itself
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "dost.core.security.client_address"
AXES_LOCKOUT_CALLABLE = "dost.core.security.lockout_response"
AXES_COOLOFF_MESSAGE = _("Tài khoản tạm thời bị khóa vì đăng nhập sai quá nhiều lần. Vui lòng thử lại sau.")
AXES_PERMALOCK_MESSAGE = AXES_COOLOFF_MESSAGE
AXES_VERBOSE = False
# Reverse proxies of ours in front of the application (each appends to X-Forwarded-For); 0 trusts none.
DOST_TRUSTED_PROXIES = int(os.environ.get("DOST_TRUSTED_PROXIES", "0"))

# Two-factor authentication (django-otp, TOTP) for leaders and administrators: enforced in production only
# (core.twofactor); the demo says on its login page that it does not ask for it.
DOST_REQUIRE_2FA = False
OTP_TOTP_ISSUER = "dost"

# Seconds between heartbeats of a running background job (core.heartbeat); the reapers of `dost tick` fail
# a job silent for 5-10 minutes. Tests shorten it through the environment.
DOST_HEARTBEAT_SECONDS = float(os.environ.get("DOST_HEARTBEAT_SECONDS", "60"))
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # administrators reset devices; they never see a user's secret

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files live outside the static root and are only served through permission-checked views.
MEDIA_ROOT = DATA_DIR / "files"
# Never routed: no view serves this prefix, files go through the permission-checked download view.
MEDIA_URL = "/_private/"

DOST_MAX_UPLOAD_BYTES = int(os.environ.get("DOST_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Strict Content-Security-Policy from the first commit: no inline scripts or styles anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

MAILERS = {
    "default": {"BACKEND": os.environ.get("DOST_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}
}
DEFAULT_FROM_EMAIL = os.environ.get("DOST_FROM_EMAIL", "dost@localhost")

TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # DRF's Basic, plus: 429 while locked out, refused for users held to two-factor authentication.
        "dost.core.security.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "dost.core.api_base.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "dost API",
    "DESCRIPTION": "REST API of dost, the operations platform of a provincial Department of Science and Technology.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PrecisionEnum": "dost.plans.models.Precision",
        "ProjectStatusEnum": "dost.core.status.ProjectStatus",
        "ProposalStatusEnum": "dost.core.status.ProposalStatus",
        "RoundStatusEnum": "dost.core.status.RoundStatus",
        "ProjectKindEnum": "dost.research.models.ProjectKind",
        "RoundKindEnum": "dost.councils.models.RoundKind",
    },
    # The error answers (403, 404, 409, …) every operation can give, so clients and schemathesis know them.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "dost.core.api_schema.document_error_responses",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DOST_LOG_LEVEL", "WARNING")},
}

DATA_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
