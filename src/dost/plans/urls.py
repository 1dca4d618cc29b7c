from django.urls import path

from . import import_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_edit, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/gantt.json", views.plan_gantt, name="plan_gantt"),
    path("plans/<int:pk>/history/", views.plan_history, name="plan_history"),
    path("plans/<int:pk>/documents/", views.plan_attach, name="plan_attach"),
    path("plans/<int:plan_pk>/tasks/new/", views.task_edit, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/override/", views.task_override, name="task_override"),
    path("tasks/<int:pk>/history/", views.task_history, name="task_history"),
    path("tasks/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("reviews/", views.review_queue, name="review_queue"),
    path("imports/new/", import_views.import_new, name="import_new"),
    path("imports/<int:pk>/", import_views.import_job, name="import_job"),
    path("imports/<int:pk>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/retry/", import_views.import_retry, name="import_retry"),
]
