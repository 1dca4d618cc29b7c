"""An administrator edits rule sets with their rating levels and criteria in the admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from dost.councils.defaults import ACCEPTANCE, seed_default_rule_sets
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_admin_adds_a_local_kha_level(world):
    world.users["admin"].is_staff = world.users["admin"].is_superuser = True
    world.users["admin"].save()
    rule_set = seed_default_rule_sets()[ACCEPTANCE]
    client = Client()
    client.login(username="admin", password=PASSWORD)
    url = reverse("admin:councils_ruleset_change", args=[rule_set.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Xuất sắc" in page.content.decode()
    levels = list(rule_set.levels.order_by("position"))
    data = {"code": rule_set.code, "name": rule_set.name, "purpose": rule_set.purpose, "method": rule_set.method,
            "legal_basis": rule_set.legal_basis, "is_active": "on", "quorum_share": "2/3",
            "required_roles": '["chair", "secretary", "reviewer"]', "late_fail_months": "6",
            "levels-TOTAL_FORMS": str(len(levels) + 1), "levels-INITIAL_FORMS": str(len(levels)),
            "criteria-TOTAL_FORMS": "0", "criteria-INITIAL_FORMS": "0"}
    for i, level in enumerate(levels):
        data.update({f"levels-{i}-id": level.pk, f"levels-{i}-rule_set": rule_set.pk,
                     f"levels-{i}-position": level.position * 10, f"levels-{i}-code": level.code,
                     f"levels-{i}-label": level.label, f"levels-{i}-vote_share": level.vote_share,
                     f"levels-{i}-vetoed_by": level.vetoed_by})
        for flag in ("passing", "vote_inclusive", "count_better", "is_default"):
            if getattr(level, flag):
                data[f"levels-{i}-{flag}"] = "on"
    n = len(levels)
    data.update({f"levels-{n}-rule_set": rule_set.pk, f"levels-{n}-position": "15", f"levels-{n}-code": "kha",
                 f"levels-{n}-label": "Khá", f"levels-{n}-passing": "on", f"levels-{n}-vote_share": "3/4",
                 f"levels-{n}-vote_inclusive": "on", f"levels-{n}-count_better": "on",
                 f"levels-{n}-vetoed_by": "khong-dat"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert [lv.code for lv in rule_set.levels.order_by("position")] == ["xuat-sac", "kha", "dat", "khong-dat"]


@pytest.mark.django_db
def test_admin_refuses_a_share_that_is_not_a_fraction(world):
    from dost.councils.models import validate_share

    with pytest.raises(Exception, match="không phải là tỷ lệ"):
        validate_share("hai phần ba")
