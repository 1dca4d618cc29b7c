from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "dost.plans"
    label = "plans"
    verbose_name = _("Kế hoạch")

    def ready(self) -> None:
        from dost.core.attachments import register_viewer

        from . import permissions
        from .models import ImportJob, Plan, ProgressReport, Task

        register_viewer(Plan, permissions.can_view_plan)
        register_viewer(Task, lambda user, task: permissions.can_view_plan(user, task.plan))
        register_viewer(ImportJob, lambda user, job: job.created_by_id == user.pk)
        register_viewer(ProgressReport, lambda user, report: permissions.can_view_plan(user, report.task.plan))
