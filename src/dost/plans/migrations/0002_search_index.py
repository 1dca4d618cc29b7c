from django.db import migrations

from dost.core.search import search_index_operation


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [search_index_operation("plans_plan")]
