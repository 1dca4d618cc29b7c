from django.urls import path

from . import views

urlpatterns = [
    path("research/", views.portfolio, name="research_portfolio"),
    path("research/new/", views.project_edit, name="research_project_create"),
    path("research/<int:pk>/", views.project_detail, name="research_project_detail"),
    path("research/<int:pk>/edit/", views.project_edit, name="research_project_edit"),
    path("research/<int:pk>/act/<slug:action>/", views.project_act, name="research_project_act"),
    path("research/<int:pk>/checks/", views.check_schedule, name="research_check_schedule"),
    path("research/calls/", views.calls, name="research_calls"),
    path("research/calls/new/", views.round_create, name="research_round_create"),
    path("research/calls/<int:pk>/", views.round_detail, name="research_round_detail"),
    path("research/calls/<int:pk>/send/", views.round_send, name="research_round_send"),
    path("research/calls/<int:round_pk>/proposals/new/", views.proposal_edit, name="research_proposal_create"),
    path("research/proposals/<int:pk>/edit/", views.proposal_edit, name="research_proposal_edit"),
    path("research/proposals/<int:pk>/merge/", views.proposal_merge, name="research_proposal_merge"),
    path("research/proposals/<int:pk>/decline/", views.proposal_decline, name="research_proposal_decline"),
]
