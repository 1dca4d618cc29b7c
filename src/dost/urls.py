from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from dost.core import api as core_api
from dost.core import audit_views as core_audit_views
from dost.core import views as core_views
from dost.councils import api as councils_api
from dost.figures import api as figures_api
from dost.plans import api as plans_api
from dost.procedures import api as procedures_api
from dost.reports import api as reports_api
from dost.research import api as research_api

router = DefaultRouter()
router.register("organisations", core_api.OrganisationViewSet, basename="organisation")
router.register("legal-documents", core_api.LegalDocumentViewSet, basename="legal-document")
router.register("plans", plans_api.PlanViewSet, basename="plan")
router.register("tasks", plans_api.TaskViewSet, basename="task")
router.register("progress-reports", plans_api.ProgressReportViewSet, basename="progress-report")
router.register("indicator-sets", figures_api.IndicatorSetViewSet, basename="indicator-set")
router.register("budget-tables", figures_api.BudgetTableViewSet, basename="budget-table")
router.register("periodic-reports", reports_api.PeriodicReportViewSet, basename="periodic-report")
router.register("dossiers", procedures_api.DossierViewSet, basename="dossier")
router.register("councils", councils_api.CouncilViewSet, basename="council")
router.register("council-rounds", councils_api.RoundViewSet, basename="council-round")
router.register("research-projects", research_api.ProjectViewSet, basename="research-project")
router.register("research-proposals", research_api.ProposalViewSet, basename="research-proposal")

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found

urlpatterns = [
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("health/", core_views.health, name="health"),
    path("ping/", core_views.ping, name="ping"),
    path("account/2fa/", include("dost.core.security_urls")),
    path("files/<int:pk>/", core_views.attachment_download, name="attachment_download"),
    path("audit/", core_audit_views.audit_log, name="audit_log"),
    path("admin/", admin.site.urls),
    path(
        "api/v1/openapi.json",
        SpectacularJSONAPIView.as_view(permission_classes=[AllowAny]),
        name="openapi",
    ),
    path("api/v1/", include(router.urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("dost.figures.urls")),
    path("", include("dost.reports.urls")),
    path("", include("dost.procedures.urls")),
    path("", include("dost.grants.urls")),
    path("", include("dost.councils.urls")),
    path("", include("dost.research.urls")),
    path("", include("dost.plans.urls")),
]
