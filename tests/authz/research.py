"""Authorization matrix entries of the research app (format: see tests/test_authorization_matrix.py).

The matrix's project, call round and proposal are managed by the officer's unit (the Chi cục): its officer
and the Department's leader act, the Department's viewer reads, the officer of another unit sees nothing.
"""

from __future__ import annotations

import datetime

A = 403  # anonymous API calls

PAGES: dict = {
    "research_portfolio": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "research_project_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "research_project_detail": ("GET", "research_project", (302, 200, 200, 403, 200, 200)),
    "research_project_edit": ("GET", "research_project", (302, 403, 200, 403, 200, 200)),
    # an officer's move (the empty form is refused with its reasons: 400) …
    "research_project_act": ("POST", "research_project", (302, 403, 400, 403, 400, 400),
                             {"pk": None, "action": "submit_acceptance"}),
    "research_check_schedule": ("POST", "research_project", (302, 403, 302, 403, 302, 302)),
    "research_calls": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "research_round_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "research_round_detail": ("GET", "research_round", (302, 200, 200, 403, 200, 200)),
    "research_round_send": ("POST", "research_round", (302, 403, 302, 403, 302, 302)),
    "research_proposal_create": ("GET", "research_round", (302, 403, 200, 403, 200, 200), {"round_pk": None}),
    "research_proposal_edit": ("GET", "research_proposal", (302, 403, 200, 403, 200, 200)),
    "research_proposal_merge": ("POST", "research_proposal", (302, 403, 302, 403, 302, 302)),
    "research_proposal_decline": ("POST", "research_proposal", (302, 403, 302, 403, 302, 302)),
}
API: dict = {
    ("/api/v1/research-projects/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/research-projects/{id}/", "GET"): ("research_project", None, (A, 200, 200, 404, 200, 200)),
    ("/api/v1/research-proposals/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/research-proposals/{id}/", "GET"): ("research_proposal", None, (A, 200, 200, 404, 200, 200)),
}
APPLICANT: dict = {}  # every research page and API answers 403 to applicants
PAYLOADS: dict = {}


def objects(world, base: dict) -> dict:
    from dost.research.models import CallRound, Project, Proposal

    project = Project.objects.create(
        organisation=world.unit, title="Ứng dụng tiến bộ KH&CN xây dựng mô hình sản xuất vải thiều VietGAP",
        level="provincial", field="agriculture", kind="du_an", year=2025, status="implementing",
        start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2026, 12, 31),
        original_end_date=datetime.date(2026, 12, 31), budget_state_vnd=800_000_000)
    call_round = CallRound.objects.create(organisation=world.unit, year=2026, title="Đề xuất đặt hàng năm 2026")
    proposal = Proposal.objects.create(round=call_round, number=1, title="Nghiên cứu giống lúa thuần mới",
                                       proposer_name="Sở Nông nghiệp và Môi trường")
    return {"research_project": project, "research_round": call_round, "research_proposal": proposal}
