"""The councils service API: rights, sealed scoring, conflicts, paper sheets, quorum, closing, finals, the signal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from dost.core.models import AuditEntry
from dost.core.status import CouncilRole, RoundStatus
from dost.councils import permissions, services
from dost.councils.models import Entry, Round, ScoreSheet, SheetSource
from dost.councils.signals import round_closed

pytestmark = pytest.mark.django_db

GOOD = {"noi-dung": "50", "hinh-thuc": "30"}


def scored(jury, rnd, scores=None):
    """Every present member scores every entry on paper (the same sheet unless ``scores`` maps codes)."""
    for entry in rnd.entries.all():
        for key, member in jury.members.items():
            if rnd.present.filter(pk=member.pk).exists() and not entry.conflicts.filter(member=member).exists():
                jury.paper(entry, key, (scores or {}).get(entry.code, GOOD))


# ---------------------------------------------------------------------------------------------- rights


def test_other_units_officer_cannot_create_a_council_for_the_unit(jury):
    with pytest.raises(PermissionDenied):
        services.create_council(name="X", purpose="award", organisation=jury.world.unit,
                                rule_set=jury.rule_sets["award"], by=jury.world.users["other_officer"])


def test_viewer_cannot_open_a_round(jury):
    with pytest.raises(PermissionDenied):
        services.open_round(jury.council, title="Phiên", by=jury.world.users["viewer"])


def test_officer_cannot_close_a_round(jury):
    rnd = jury.round()
    jury.start(rnd)
    scored(jury, rnd)
    with pytest.raises(PermissionDenied):
        services.close_round(rnd, by=jury.officer)


def test_member_sees_the_council_without_a_role_in_its_organisation(jury):
    assert permissions.can_view(jury.users["member"], jury.council)
    assert not permissions.can_manage(jury.users["member"], jury.council)


def test_bad_council_input_changes_nothing(jury):
    before = jury.council.__class__.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_council(name=" ", purpose="award", organisation=jury.world.unit,
                                rule_set=jury.rule_sets["award"], by=jury.officer,
                                members=[services.MemberSpec("", CouncilRole.CHAIR)])
    assert "Hội đồng phải có tên." in error.value.messages
    assert jury.council.__class__.objects.count() == before


# ---------------------------------------------------------------------------------------------- sheets


def test_member_scores_online_only_their_own_sheet(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    entry = rnd.entries.get()
    sheet = services.submit_sheet(entry, jury.members["member"], scores=GOOD, by=jury.users["member"])
    assert (sheet.source, sheet.total) == (SheetSource.ONLINE, Decimal("80.00"))
    with pytest.raises(PermissionDenied):
        services.submit_sheet(entry, jury.members["chair"], scores=GOOD, by=jury.users["member"])


def test_officer_cannot_score_online_for_a_member(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    with pytest.raises(PermissionDenied):
        services.submit_sheet(rnd.entries.get(), jury.members["chair"], scores=GOOD, by=jury.officer)


def test_secretary_enters_paper_sheets_for_a_member_without_an_account(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    sheet = services.submit_sheet(rnd.entries.get(), jury.members["expert"], scores=GOOD, source=SheetSource.PAPER,
                                  by=jury.users["secretary"])
    assert (sheet.source, sheet.entered_by) == (SheetSource.PAPER, jury.users["secretary"])


def test_plain_member_cannot_enter_paper_sheets(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    with pytest.raises(PermissionDenied):
        services.submit_sheet(rnd.entries.get(), jury.members["expert"], scores=GOOD, source=SheetSource.PAPER,
                              by=jury.users["member"])


def test_a_submitted_sheet_cannot_be_submitted_again(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    entry = rnd.entries.get()
    jury.paper(entry, "expert", GOOD)
    with pytest.raises(ValidationError, match="không sửa được"):
        jury.paper(entry, "expert", {"noi-dung": "10", "hinh-thuc": "10"})
    assert ScoreSheet.objects.get(entry=entry).total == Decimal("80.00")


def test_conflicted_member_cannot_score_the_entry(jury):
    rnd = jury.round(entries=1)
    entry = rnd.entries.get()
    services.declare_conflict(entry, jury.members["member"], reason="Đồng tác giả", by=jury.officer)
    jury.start(rnd)
    with pytest.raises(ValidationError, match="xung đột lợi ích"):
        services.submit_sheet(entry, jury.members["member"], scores=GOOD, by=jury.users["member"])


def test_member_declares_their_own_conflict_but_not_anothers(jury):
    rnd = jury.round(entries=1)
    entry = rnd.entries.get()
    services.declare_conflict(entry, jury.members["member"], reason="Cùng cơ quan", by=jury.users["member"])
    with pytest.raises(PermissionDenied):
        services.declare_conflict(entry, jury.members["chair"], reason="?", by=jury.users["member"])


def test_conflict_after_scoring_is_refused(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    entry = rnd.entries.get()
    jury.paper(entry, "expert", GOOD)
    with pytest.raises(ValidationError, match="đã chấm"):
        services.declare_conflict(entry, jury.members["expert"], reason="Muộn", by=jury.officer)


def test_absent_member_cannot_score(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd, present=["chair", "secretary", "reviewer", "member"])
    with pytest.raises(ValidationError, match="không có mặt"):
        jury.paper(rnd.entries.get(), "expert", GOOD)


def test_sheet_is_refused_before_scoring_starts(jury):
    rnd = jury.round(entries=1)
    with pytest.raises(ValidationError, match="chưa mở chấm"):
        jury.paper(rnd.entries.get(), "expert", GOOD)


@pytest.mark.parametrize(("scores", "message"), [
    ({"noi-dung": "61", "hinh-thuc": "30"}, "từ 0 đến 60"),
    ({"noi-dung": "50"}, "Thiếu điểm"),
    ({"noi-dung": "abc", "hinh-thuc": "30"}, "không phải là số"),
    ({"noi-dung": None, "hinh-thuc": "30"}, "không áp dụng"),
    ({"noi-dung": "50,125", "hinh-thuc": "30"}, "hai chữ số thập phân"),
    ({"noi-dung": "50", "hinh-thuc": "30", "khac": "1"}, "không thuộc bộ tiêu chí"),
])
def test_invalid_points_are_refused_with_a_clear_message(jury, scores, message):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    with pytest.raises(ValidationError) as error:
        jury.paper(rnd.entries.get(), "expert", scores)
    assert any(message in m for m in error.value.messages)
    assert not ScoreSheet.objects.exists()


def test_decimal_comma_is_accepted(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    assert jury.paper(rnd.entries.get(), "expert", {"noi-dung": "50,5", "hinh-thuc": "30"}).total == Decimal("80.50")


def test_rating_vote_needs_a_rating_of_the_scale(jury):
    rnd = jury.round(rule_set=jury.rule_sets["nghiem-thu"], entries=1)
    jury.start(rnd)
    with pytest.raises(ValidationError, match="mức xếp loại"):
        jury.paper(rnd.entries.get(), "expert", rating="tuyet-voi")
    assert jury.paper(rnd.entries.get(), "expert", rating="dat").rating == "dat"


# ---------------------------------------------------------------------------------------------- sealed


def test_sheets_are_sealed_until_the_member_submitted_their_own(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    entry = Entry.objects.select_related("round__council").get(round=rnd)
    jury.paper(entry, "expert", GOOD)
    assert not permissions.may_see_scores(jury.users["member"], entry)
    services.submit_sheet(entry, jury.members["member"], scores=GOOD, by=jury.users["member"])
    assert permissions.may_see_scores(jury.users["member"], entry)


def test_managers_do_not_see_scores_before_closing(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    scored(jury, rnd)
    entry = Entry.objects.select_related("round__council").get(round=rnd)
    assert not permissions.may_see_scores(jury.officer, entry)
    assert not permissions.may_see_scores(jury.world.users["admin"], entry)
    services.close_round(rnd, by=jury.leader)
    entry = Entry.objects.select_related("round__council").get(round=rnd)
    assert permissions.may_see_scores(jury.officer, entry)


# ---------------------------------------------------------------------------------------------- closing


def test_closing_without_quorum_is_refused_with_the_reason(jury):
    rnd = jury.round(rule_set=jury.rule_sets["tuyen-chon"], entries=1)
    jury.start(rnd, present=["chair", "reviewer", "member"])  # 3/5 < 2/3, no secretary
    with pytest.raises(ValidationError) as error:
        services.close_round(rnd, by=jury.leader)
    text = " ".join(error.value.messages)
    assert "3/5" in text and "Thư ký vắng mặt" in text
    assert Round.objects.get(pk=rnd.pk).status == RoundStatus.SCORING


def test_closing_with_missing_sheets_names_the_members(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    jury.paper(rnd.entries.get(), "chair", GOOD)
    with pytest.raises(ValidationError, match="chưa có phiếu của"):
        services.close_round(rnd, by=jury.leader)


def test_closing_stores_results_and_recomputing_gives_the_same(jury):
    rnd = jury.round(entries=3)
    jury.start(rnd)
    scored(jury, rnd, {"HS01": GOOD, "HS02": {"noi-dung": "55", "hinh-thuc": "35"}, "HS03": GOOD})
    result = services.close_round(rnd, by=jury.leader)
    stored = {e.pk: (e.mean, e.rank, e.tied) for e in Entry.objects.filter(round=rnd)}
    assert sorted(stored.values(), key=lambda v: v[1]) == [(Decimal("90.00"), 1, False), (Decimal("80.00"), 2, True),
                                                         (Decimal("80.00"), 2, True)]
    assert {pk: (r.mean, r.rank, r.tied) for pk, r in services.recompute(rnd).items()} == stored
    assert {pk: (r.mean, r.rank, r.tied) for pk, r in result.results.items()} == stored
    assert rnd.status == RoundStatus.CLOSED and rnd.rules_snapshot["method"] == "score"


def test_recompute_uses_the_rules_applied_at_closing(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    scored(jury, rnd)
    services.close_round(rnd, by=jury.leader)
    rule_set = jury.rule_sets["award"]
    rule_set.min_mean = Decimal("95")
    rule_set.save()
    assert all(r.passed for r in services.recompute(rnd).values())


def test_conflicted_and_absent_members_never_count_in_the_stored_result(jury):
    rnd = jury.round(entries=1)
    entry = rnd.entries.get()
    services.declare_conflict(entry, jury.members["member"], reason="Tác giả", by=jury.officer)
    jury.start(rnd, present=["chair", "secretary", "reviewer", "member"])
    for key in ("chair", "secretary", "reviewer"):
        jury.paper(entry, key, GOOD)
    services.close_round(rnd, by=jury.leader)
    entry.refresh_from_db()
    assert (entry.valid_sheet_count, entry.details["present"], entry.mean) == (3, 3, Decimal("80.00"))


def test_closing_twice_is_refused(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    scored(jury, rnd)
    services.close_round(rnd, by=jury.leader)
    with pytest.raises(ValidationError, match="đã có kết quả"):
        services.close_round(rnd, by=jury.leader)


def test_round_closed_signal_is_sent_inside_the_transaction(jury):
    rnd = jury.round(entries=2)
    jury.start(rnd)
    scored(jury, rnd)
    seen = []

    def listener(sender, round, entries, **kwargs):
        seen.append((sender, round.status, [e.mean for e in entries]))

    round_closed.connect(listener)
    try:
        services.close_round(rnd, by=jury.leader)
    finally:
        round_closed.disconnect(listener)
    assert seen == [(Round, RoundStatus.CLOSED, [Decimal("80.00"), Decimal("80.00")])]


def test_a_failing_listener_rolls_the_closing_back(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    scored(jury, rnd)

    def listener(**kwargs):
        raise RuntimeError("research could not move the project on")

    round_closed.connect(listener)
    try:
        with pytest.raises(RuntimeError):
            services.close_round(rnd, by=jury.leader)
    finally:
        round_closed.disconnect(listener)
    assert Round.objects.get(pk=rnd.pk).status == RoundStatus.SCORING
    assert Entry.objects.get(round=rnd).mean is None


def test_closing_is_audited(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    scored(jury, rnd)
    services.close_round(rnd, by=jury.leader)
    entry = Entry.objects.get(round=rnd)
    assert AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Entry), object_id=str(entry.pk),
                                     action="update").exists()


def test_acceptance_round_with_the_national_rules(jury):
    rnd = jury.round(rule_set=jury.rule_sets["nghiem-thu"], entries=2)
    late = rnd.entries.get(code="HS02")
    late.months_late = 7
    late.save()
    jury.start(rnd)
    for entry in rnd.entries.all():
        for key in jury.members:
            jury.paper(entry, key, rating="xuat-sac" if key != "expert" else "dat")
    services.close_round(rnd, by=jury.leader)
    assert dict(Entry.objects.filter(round=rnd).values_list("code", "rating_label")) == {
        "HS01": "Xuất sắc", "HS02": "Không đạt"}


# ---------------------------------------------------------------------------------------------- finals


def test_final_round_takes_the_top_n_of_its_preliminary_with_ties(jury):
    rnd = jury.round(entries=4, kind="preliminary")
    jury.start(rnd)
    scored(jury, rnd, {"HS01": {"noi-dung": "60", "hinh-thuc": "40"}, "HS02": GOOD, "HS03": GOOD,
                       "HS04": {"noi-dung": "10", "hinh-thuc": "10"}})
    services.close_round(rnd, by=jury.leader)
    final = services.open_round(jury.council, title="Chung khảo", previous=rnd, advance_count=2, by=jury.officer)
    assert final.kind == "final"
    assert sorted(final.entries.values_list("code", flat=True)) == ["HS01", "HS02", "HS03"]  # HS02, HS03 tie at 2
    assert all(e.source_entry.round_id == rnd.pk for e in final.entries.select_related("source_entry"))


def test_final_from_an_open_round_is_refused(jury):
    rnd = jury.round(entries=1, kind="preliminary")
    with pytest.raises(ValidationError, match="chưa có kết quả"):
        services.open_round(jury.council, title="Chung khảo", previous=rnd, advance_count=2, by=jury.officer)


def test_entries_for_a_subject(jury):
    rnd = jury.round(entries=0)
    subject = jury.world.plan
    entry = services.add_entry(rnd, title="Kế hoạch", subject=subject, by=jury.officer)
    assert list(services.entries_for(subject)) == [entry]
    assert entry.subject == subject


def test_record_decision_needs_a_leader_and_a_closed_round(jury):
    rnd = jury.round(entries=1)
    jury.start(rnd)
    scored(jury, rnd)
    import datetime

    with pytest.raises(ValidationError, match="chưa có kết quả"):
        services.record_decision(rnd, number="12", date=datetime.date(2026, 3, 2), by=jury.leader)
    services.close_round(rnd, by=jury.leader)
    with pytest.raises(PermissionDenied):
        services.record_decision(rnd, number="12", date=datetime.date(2026, 3, 2), by=jury.officer)
    assert services.record_decision(rnd, number="12", date=datetime.date(2026, 3, 2),
                                    by=jury.leader).result_decision_number == "12"
