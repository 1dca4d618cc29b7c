"""REST endpoints of plan tracking; the same permission rules and services as the pages."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from dost.core.api_base import AuditedViewSetMixin

from . import permissions, queries, services
from .filtersets import PlanFilterSet, ProgressReportFilterSet, TaskFilterSet, plan_year_q, running_plans_q
from .models import Plan, ProgressReport, Task
from .serializers import PlanSerializer, ProgressReportSerializer, ReviewSerializer, TaskSerializer
from .status import with_status


def _version(request) -> int | None:
    value = request.data.get("version") if hasattr(request.data, "get") else None
    return int(value) if value not in (None, "") else None


class PlanViewSet(AuditedViewSetMixin, viewsets.ModelViewSet):
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet

    def get_queryset(self):
        return queries.plan_list(self.request.user).prefetch_related("legal_bases", "replaces").order_by(
            "-date_year", "-id"
        )

    def perform_create(self, serializer):
        plan = Plan(**{k: v for k, v in serializer.validated_data.items() if k != "legal_bases"})
        services.save_plan(self.request.user, plan, None, legal_bases=serializer.validated_data.get("legal_bases"))
        serializer.instance = plan

    def perform_update(self, serializer):
        plan = serializer.instance
        if not permissions.can_edit_plan(self.request.user, plan):
            raise PermissionDenied("Bạn không có quyền sửa kế hoạch này.")
        for key, value in serializer.validated_data.items():
            if key != "legal_bases":
                setattr(plan, key, value)
        services.save_plan(
            self.request.user, plan, _version(self.request), legal_bases=serializer.validated_data.get("legal_bases")
        )

    def perform_destroy(self, instance):
        if not permissions.can_edit_plan(self.request.user, instance):
            raise PermissionDenied("Bạn không có quyền xóa kế hoạch này.")
        instance.delete()


class TaskViewSet(AuditedViewSetMixin, viewsets.ModelViewSet):
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet

    def get_queryset(self):
        return (
            with_status(permissions.visible_tasks(self.request.user))
            .select_related("plan", "lead")
            .prefetch_related("partners", "milestones")
            .order_by("plan_id", "order", "id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        partners = data.pop("partners", None)
        task = Task(**data)
        if not permissions.can_view_plan(self.request.user, task.plan):
            raise PermissionDenied("Bạn không có quyền xem kế hoạch này.")
        services.save_task(self.request.user, task, None, partners=partners)
        serializer.instance = with_status(Task.objects.filter(pk=task.pk)).get()

    def perform_update(self, serializer):
        task = serializer.instance
        if not permissions.can_edit_task(self.request.user, task):
            raise PermissionDenied("Bạn không có quyền sửa nhiệm vụ này.")
        data = dict(serializer.validated_data)
        partners = data.pop("partners", None)
        for key, value in data.items():
            setattr(task, key, value)
        services.save_task(self.request.user, task, _version(self.request), partners=partners)
        serializer.instance = with_status(Task.objects.filter(pk=task.pk)).get()

    def perform_destroy(self, instance):
        if not permissions.can_edit_plan(self.request.user, instance.plan):
            raise PermissionDenied("Bạn không có quyền xóa nhiệm vụ này.")
        instance.delete()


class ProgressReportViewSet(
    AuditedViewSetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProgressReportSerializer
    filterset_class = ProgressReportFilterSet

    def get_queryset(self):
        # No join for the list: the serializer needs only task_id, and with the task's columns PostgreSQL
        # joined every visible report to its task before taking the page.
        plans = permissions.visible_plans(self.request.user, self._list_window())
        return (ProgressReport.objects.filter(task__in=Task.objects.filter(plan__in=plans.values("pk")).values("pk"))
                .order_by("-report_date", "-id"))

    def _list_window(self):
        """The plans a list starts from: those of ``year``, or (no task, plan or year asked) those running this
        year or last, so that a Department's ten years of reports are neither sorted nor counted each time."""
        plans = Plan.objects.all()
        if self.action != "list":
            return plans
        params = self.request.query_params
        if params.get("task") or params.get("plan"):
            return plans
        year = params.get("year", "")
        if year.isdigit() and 1 <= int(year) <= 9999:
            return plans.filter(plan_year_q(int(year)))
        return plans.filter(running_plans_q(timezone.localdate().year))

    @extend_schema(description="Báo cáo tiến độ mà người dùng được xem, mới nhất trước. Không lọc theo `task`, "
                               "`plan` hay `year` thì chỉ gồm báo cáo của các kế hoạch còn thực hiện trong năm nay "
                               "hoặc năm trước; dùng `year` hoặc `plan` để xem các năm cũ hơn.")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        task = data.pop("task")
        if not permissions.can_view_plan(self.request.user, task.plan):
            raise PermissionDenied("Bạn không có quyền xem nhiệm vụ này.")
        submit = str(self.request.query_params.get("submit", "true")).lower() != "false"
        serializer.instance = services.create_report(self.request.user, task, data, submit=submit)

    def _review(self, request, pk, accept: bool):
        report = get_object_or_404(self.get_queryset(), pk=pk)
        payload = ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = payload.validated_data.get("version")
        if accept:
            services.accept_report(request.user, report, payload.validated_data["comment"], version)
        else:
            services.return_report(request.user, report, payload.validated_data["comment"], version)
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_200_OK)

    @extend_schema(request=ReviewSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept a submitted report (leaders of the plan's owner)."""
        return self._review(request, pk, accept=True)

    @extend_schema(request=ReviewSerializer, responses=ProgressReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Return a submitted report with a comment."""
        return self._review(request, pk, accept=False)
