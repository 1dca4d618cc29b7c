"""Authorization matrix entries of the councils app (format: see tests/test_authorization_matrix.py).

The matrix's council is owned by the Chi cục (``world.unit``): its officer manages it, the Department's
leader manages and closes its rounds, the Department's viewer reads, the officer of another unit sees
nothing. None of the matrix's users sits on the council, so nobody scores online (403 for all).
"""

from __future__ import annotations

A = 403
READ = (302, 200, 200, 403, 200, 200)
MANAGE = (302, 403, 200, 403, 200, 200)
MANAGE_POST = (302, 403, 302, 403, 302, 302)
LEAD = (302, 403, 403, 403, 200, 200)
LEAD_POST = (302, 403, 403, 403, 302, 302)

PAGES: dict = {
    "council_list": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "council_create": ("GET", None, (302, 403, 200, 200, 200, 200)),
    "council_my_sheets": ("GET", None, (302, 200, 200, 200, 200, 200)),
    "council_detail": ("GET", "council", READ),
    "council_edit": ("GET", "council", MANAGE),
    "council_member_add": ("GET", "council", MANAGE),
    "council_member_remove": ("POST", "council_member", MANAGE_POST),
    "council_round_create": ("GET", "council", MANAGE),
    "council_round_detail": ("GET", "council_round", READ),
    "council_round_entry_add": ("POST", "council_round", MANAGE_POST),
    "council_round_presence": ("GET", "council_round", MANAGE),
    "council_round_close": ("GET", "council_round", LEAD),
    "council_round_final": ("GET", "council_closed_round", MANAGE),
    "council_round_decision": ("POST", "council_closed_round", LEAD_POST),
    "council_round_conflict_add": ("GET", "council_round", MANAGE),
    "council_round_document": ("GET", "council_closed_round", READ, {"kind": "minutes", "fmt": "docx"}),
    "council_entry_detail": ("GET", "council_entry", READ),
    "council_entry_sheet": ("GET", "council_entry", (302, 403, 403, 403, 403, 403)),
    "council_entry_paper_sheet": ("GET", "council_entry", MANAGE),
}
API: dict = {
    ("/api/v1/councils/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/councils/{id}/", "GET"): ("council", None, (A, 200, 200, 404, 200, 200)),
    ("/api/v1/council-rounds/", "GET"): (None, None, (A, 200, 200, 200, 200, 200)),
    ("/api/v1/council-rounds/{id}/", "GET"): ("council_round", None, (A, 200, 200, 404, 200, 200)),
}
APPLICANT: dict = {}  # no council page is open to applicants
PAYLOADS: dict = {}


def objects(world, base: dict) -> dict:
    from decimal import Decimal

    from dost.core.status import CouncilRole
    from dost.councils import services
    from dost.councils.defaults import seed_rule_sets
    from dost.councils.models import Method, Purpose, SheetSource

    officer, leader = world.users["officer"], world.users["leader"]
    rule_set = seed_rule_sets([{
        "code": "ma-tran", "name": "Ma trận quyền", "purpose": Purpose.AWARD, "method": Method.SCORE,
        "quorum_share": "1/2", "required_roles": [CouncilRole.CHAIR], "levels": [],
        "criteria": [("nd", "Nội dung", Decimal("100"))]}])["ma-tran"]
    council = services.create_council(
        name="Hội đồng ma trận", purpose=Purpose.AWARD, organisation=world.unit, rule_set=rule_set, by=officer,
        members=[services.MemberSpec("Chủ tịch A", CouncilRole.CHAIR), services.MemberSpec("Ủy viên B"),
                 services.MemberSpec("Ủy viên C")])
    members = list(council.members.order_by("position"))
    closed = services.open_round(council, title="Sơ khảo", kind="preliminary", by=officer)
    done = services.add_entry(closed, title="Tác phẩm đã chấm", code="A1", by=officer)
    services.start_scoring(closed, present=members, by=officer)
    for member in members:
        services.submit_sheet(done, member, scores={"nd": Decimal("80")}, source=SheetSource.PAPER, by=officer)
    services.close_round(closed, by=leader)
    scoring = services.open_round(council, title="Phiên đang chấm", by=officer)
    entry = services.add_entry(scoring, title="Tác phẩm", code="B1", by=officer)
    services.start_scoring(scoring, present=members, by=officer)
    spare = services.add_member(council, services.MemberSpec("Ủy viên dự khuyết"), by=officer)
    return {"council": council, "council_member": spare, "council_round": scoring, "council_closed_round": closed,
            "council_entry": entry}
