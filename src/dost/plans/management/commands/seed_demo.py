from __future__ import annotations

from django.core.management.base import BaseCommand

from dost.core.audit import acting_as
from dost.core.demo import DEMO_PASSWORD, DEMO_USERS, seed_organisations, seed_users
from dost.councils.demo import seed_councils
from dost.figures.demo import seed_sample_figures
from dost.grants.demo import seed_demo_applications, seed_grants
from dost.plans.demo import seed_plans
from dost.procedures.demo import DEMO_APPLICANTS, seed_dossiers
from dost.procedures.services import seed_official_calendars
from dost.research.demo import seed_research


class Command(BaseCommand):
    help = "Load the demo organisations, accounts and the five sample plans (idempotent: existing data is kept)."

    def handle(self, *args, **options):
        orgs = seed_organisations()
        users = seed_users(orgs)
        created = seed_plans(orgs, users)
        seed_sample_figures(orgs["bac_giang"]["so"], users["quantri"])
        with acting_as(users["quantri"], "seed"):
            seed_official_calendars()
        programme = seed_grants(orgs["bac_ninh"]["so"], users["quantri"])
        dossiers = seed_dossiers(programme.procedure, users["chuyenvien"], users["lanhdao"], DEMO_PASSWORD)
        seed_demo_applications(programme, dossiers, users["chuyenvien"])
        seed_councils(orgs, users)
        seed_research(orgs, users)
        self.stdout.write(f"Kế hoạch mẫu mới tạo: {len(created)}")
        self.stdout.write(f"Tài khoản thử (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, full_name, _province, _key, role, position, _head in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {full_name} — {position} ({role})")
        for username, enterprise, _tax_code, representative in DEMO_APPLICANTS:
            self.stdout.write(f"  {username:<12} {representative} — {enterprise} (applicant)")
