import pytest
from django.db import connection

from dost.core.search import search
from dost.plans.models import Plan
from tests.factories import PlanFactory


@pytest.mark.django_db
def test_query_without_diacritics_finds_plan():
    plan = PlanFactory(title="Kế hoạch thực hiện nhiệm vụ trọng tâm năm 2022")
    PlanFactory(title="Phát triển kinh tế-xã hội năm 2024")
    assert list(search(Plan.objects.all(), "ke hoach nhiem vu")) == [plan]


@pytest.mark.django_db
def test_d_with_stroke_matches_plain_d():
    plan = PlanFactory(title="ĐỀ ÁN tăng cường đo lường")
    assert list(search(Plan.objects.all(), "de an do luong")) == [plan]


@pytest.mark.django_db
def test_short_words_still_filter():
    plan = PlanFactory(title="Kế hoạch KT-XH năm 2024")
    PlanFactory(title="Kế hoạch năm 2025")
    assert list(search(Plan.objects.all(), "xh 2024")) == [plan]


@pytest.mark.django_db
def test_search_follows_title_updates():
    plan = PlanFactory(title="Tên cũ")
    plan.title = "Chuyển đổi số"
    plan.save()
    assert list(search(Plan.objects.all(), "chuyen doi so")) == [plan]


@pytest.mark.django_db
def test_deleted_plan_is_not_found():
    plan = PlanFactory(title="Sẽ bị xóa")
    plan.delete()
    assert not search(Plan.objects.all(), "se bi xoa").exists()


@pytest.mark.django_db
def test_search_is_index_backed():
    """SQLite answers through the FTS5 trigram table; PostgreSQL through the GIN trigram index."""
    PlanFactory(title="Kế hoạch hỗ trợ doanh nghiệp")
    queryset = search(Plan.objects.all(), "doanh nghiep")
    if connection.vendor == "sqlite":
        plan = queryset.explain()
        assert "plans_plan_fts" in plan and "VIRTUAL TABLE INDEX" in plan
    else:
        # Only bitmap scans stay allowed, so the filter can be served by the trigram index alone.
        with connection.cursor() as cursor:
            cursor.execute("SET enable_seqscan = off; SET enable_indexscan = off")
            try:
                plan = queryset.order_by().explain()
            finally:
                cursor.execute("SET enable_seqscan = on; SET enable_indexscan = on")
        assert "Bitmap Index Scan on plans_plan_search_trgm" in plan, plan
