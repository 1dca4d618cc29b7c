"""The project search index, and the national default extension/acceptance rule as an editable row."""

from django.db import migrations

from dost.core.search import search_index_operation


def seed_policy(apps, schema_editor):
    ExtensionPolicy = apps.get_model("research", "ExtensionPolicy")
    if not ExtensionPolicy.objects.filter(organisation__isnull=True).exists():
        ExtensionPolicy.objects.create(
            name="Quy định chung về gia hạn, nghiệm thu nhiệm vụ KH&CN",
            legal_basis="Gia hạn một lần; tối đa 12 tháng với nhiệm vụ thực hiện trên 24 tháng, tối đa 6 tháng với "
                        "nhiệm vụ khác; đề nghị trước khi kết thúc ít nhất 01 tháng. Nộp hồ sơ nghiệm thu trong 30 "
                        "ngày sau khi kết thúc; chậm quá 6 tháng là Không đạt.",
            max_extensions=1, long_task_months=24, long_task_max_months=12, short_task_max_months=6,
            notice_months=1, late_acceptance_months=6, acceptance_dossier_days=30, check_interval_months=12,
        )


class Migration(migrations.Migration):
    dependencies = [("research", "0001_initial")]

    operations = [
        search_index_operation("research_project"),
        migrations.RunPython(seed_policy, migrations.RunPython.noop),
    ]
