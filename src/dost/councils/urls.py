from django.urls import path

from . import views

urlpatterns = [
    path("councils/", views.council_list, name="council_list"),
    path("councils/new/", views.council_edit, name="council_create"),
    path("councils/my-sheets/", views.my_sheets, name="council_my_sheets"),
    path("councils/<int:pk>/", views.council_detail, name="council_detail"),
    path("councils/<int:pk>/edit/", views.council_edit, name="council_edit"),
    path("councils/<int:pk>/members/new/", views.member_add, name="council_member_add"),
    path("councils/members/<int:pk>/remove/", views.member_remove, name="council_member_remove"),
    path("councils/<int:pk>/rounds/new/", views.round_create, name="council_round_create"),
    path("councils/rounds/<int:pk>/", views.round_detail, name="council_round_detail"),
    path("councils/rounds/<int:pk>/entries/", views.entry_add, name="council_round_entry_add"),
    path("councils/rounds/<int:pk>/presence/", views.round_presence, name="council_round_presence"),
    path("councils/rounds/<int:pk>/close/", views.round_close, name="council_round_close"),
    path("councils/rounds/<int:pk>/final/", views.round_final, name="council_round_final"),
    path("councils/rounds/<int:pk>/decision/", views.round_decision, name="council_round_decision"),
    path("councils/rounds/<int:pk>/conflicts/new/", views.conflict_add, name="council_round_conflict_add"),
    path("councils/rounds/<int:pk>/<slug:kind>.<slug:fmt>", views.round_document, name="council_round_document"),
    path("councils/entries/<int:pk>/", views.entry_detail, name="council_entry_detail"),
    path("councils/entries/<int:pk>/sheet/", views.sheet_form, name="council_entry_sheet"),
    path("councils/entries/<int:pk>/paper-sheet/", views.paper_sheet, name="council_entry_paper_sheet"),
]
