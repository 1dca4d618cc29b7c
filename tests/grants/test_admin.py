"""Administrators enter programmes, contents (kinds and areas from lists) and envelopes in the admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dost.core.status import OrganisationKind
from dost.grants.forms import SupportContentAdminForm
from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_programme_admin_pages_render(grants):
    client = Client()
    grants.world.users["admin"].is_staff = grants.world.users["admin"].is_superuser = True
    grants.world.users["admin"].save()
    client.force_login(grants.world.users["admin"])
    assert client.get(reverse("admin:grants_programme_change", args=[grants.programme.pk])).status_code == 200
    assert client.get(reverse("admin:grants_programme_add")).status_code == 200


@pytest.mark.django_db
def test_content_form_stores_kinds_and_areas_as_lists(grants):
    province = OrganisationFactory(name="UBND tỉnh Thử", kind=OrganisationKind.PEOPLES_COMMITTEE)
    form = SupportContentAdminForm(instance=grants.unknown, data={
        "position": 4, "code": "GT", "name": "Đạt giải thưởng chất lượng", "share_percent": "30", "cap_vnd": "",
        "cap_unit": "organisation", "item_name": "giải thưởng", "eligible_kinds": ["enterprise"],
        "allowed_areas": [province.pk], "period_years": "", "notes": ""})
    assert form.is_valid(), form.errors
    content = form.save()
    content.refresh_from_db()
    assert content.eligible_kinds == ["enterprise"] and content.allowed_area_ids == [province.pk]
    assert str(content.share_percent) == "30.00"
