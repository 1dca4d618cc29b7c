"""The scoring rules (``dost.councils.rules``): each national rule, its boundaries, not-applicable and weights."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pytest

from dost.councils import rules
from dost.councils.rules import CriterionSpec, LevelSpec, Params, Sheet

pytestmark = pytest.mark.pure

IDENTIFICATION = Params(method=rules.PASS_SHARE, pass_share=F(3, 4), quorum_share=F(2, 3),
                        required_roles=("chair", "secretary", "reviewer"),
                        levels=(LevelSpec("thuc-hien", "Đề nghị thực hiện"),
                                LevelSpec("khong", "Không đề nghị thực hiện", passing=False)))
HUNDRED = (CriterionSpec("a", D(60)), CriterionSpec("b", D(40)))
SELECTION = Params(method=rules.SCORE, criteria=HUNDRED, outlier_share=F(1, 5), min_mean=D(70), zero_share=F(1, 4),
                   single_winner=True,
                   levels=(LevelSpec("trung", "Trúng tuyển"), LevelSpec("truot", "Không trúng tuyển", passing=False)))
ACCEPTANCE = Params(method=rules.RATING_VOTE, late_fail_months=6, levels=(
    LevelSpec("xuat-sac", "Xuất sắc", vote_share=F(3, 4), vetoed_by="khong-dat"),
    LevelSpec("dat", "Đạt", is_default=True),
    LevelSpec("khong-dat", "Không đạt", passing=False, vote_share=F(1, 3), vote_inclusive=False)))


def verdicts(*values: bool) -> list[Sheet]:
    return [Sheet(member=i, verdict=v) for i, v in enumerate(values, start=1)]


def votes(*codes: str) -> list[Sheet]:
    return [Sheet(member=i, rating=c) for i, c in enumerate(codes, start=1)]


def points(*pairs) -> list[Sheet]:
    return [Sheet(member=i, scores={"a": D(a) if a is not None else None, "b": D(b) if b is not None else None})
            for i, (a, b) in enumerate(pairs, start=1)]


# ------------------------------------------------------------------------------------------ identification


def test_identification_exactly_three_quarters_is_not_more_than_three_quarters():
    result = rules.evaluate(verdicts(True, True, True, False), IDENTIFICATION)
    assert (result.passed, result.rating, result.share) == (False, "khong", F(3, 4))


def test_identification_more_than_three_quarters_recommends():
    result = rules.evaluate(verdicts(True, True, True, True, False), IDENTIFICATION)
    assert (result.passed, result.rating) == (True, "thuc-hien")


def test_identification_inclusive_threshold_accepts_exactly_three_quarters():
    inclusive = Params(**{**IDENTIFICATION.__dict__, "pass_inclusive": True})
    assert rules.evaluate(verdicts(True, True, True, False), inclusive).passed


def test_identification_sheet_without_verdict_is_invalid_and_not_in_the_share():
    sheets = [*verdicts(True, True, True, True), Sheet(member=9)]
    result = rules.evaluate(sheets, IDENTIFICATION)
    assert result.passed and result.invalid[0][0] == 9 and result.share == 1


# ------------------------------------------------------------------------------------------ selection


def test_selection_mean_of_valid_sheets():
    result = rules.evaluate(points((50, 30), (50, 30), (45, 30)), SELECTION)
    assert result.mean == D("78.33") and result.passed and result.rating == "trung"


def test_selection_sheet_exactly_twenty_percent_from_the_mean_is_valid():
    # totals 80 and 120: mean 100; both exactly 20 % away → both valid.
    params = Params(method=rules.SCORE, criteria=(CriterionSpec("a", D(200)),), outlier_share=F(1, 5))
    result = rules.evaluate([Sheet(1, {"a": D(80)}), Sheet(2, {"a": D(120)})], params)
    assert result.valid == (1, 2) and result.mean == D(100)


def test_selection_sheet_more_than_twenty_percent_from_the_mean_is_invalid():
    params = Params(method=rules.SCORE, criteria=(CriterionSpec("a", D(200)),), outlier_share=F(1, 5))
    result = rules.evaluate([Sheet(1, {"a": D("79.99")}), Sheet(2, {"a": D("120.01")})], params)
    assert [m for m, _reason in result.invalid] == [1, 2]  # mean 100: both 20.01 away
    result = rules.evaluate([Sheet(1, {"a": D(70)}), Sheet(2, {"a": D(100)}), Sheet(3, {"a": D(100)})], params)
    assert [m for m, _reason in result.invalid] == [1] and result.mean == D(100)


def test_selection_mean_exactly_seventy_passes_and_just_below_fails():
    assert rules.evaluate(points((40, 30), (40, 30)), SELECTION).passed
    below = rules.evaluate(points((40, "29.99"), (40, 30)), SELECTION)
    assert not below.passed and below.rating == "truot" and "dưới 70" in below.explanation


def test_selection_criterion_zeroed_by_a_quarter_passes_by_more_fails():
    # 4 members present: one zero on "b" is exactly 1/4 (allowed); two zeros is 1/2 (refused).
    one = points((60, 40), (60, 40), (60, 40), (60, 0))
    params = Params(**{**SELECTION.__dict__, "outlier_share": None})
    assert rules.evaluate(one, params).passed
    two = points((60, 40), (60, 40), (60, 0), (60, 0))
    result = rules.evaluate(two, params)
    assert not result.passed and "0 điểm" in result.explanation


def test_zero_share_counts_members_present_even_without_a_sheet():
    # 5 present, only 4 sheets: one zero is 1/5 ≤ 1/4; the denominator is who is present.
    params = Params(**{**SELECTION.__dict__, "outlier_share": None})
    sheets = points((60, 40), (60, 40), (60, 40), (60, 0))
    assert rules.evaluate(sheets, params, eligible={1, 2, 3, 4, 5}).passed


def test_selection_single_winner_is_the_highest_qualifying_mean():
    results = {"x": rules.evaluate(points((60, 30), (60, 30)), SELECTION),
               "y": rules.evaluate(points((50, 30), (50, 30)), SELECTION),
               "z": rules.evaluate(points((30, 30), (30, 30)), SELECTION)}
    ranked = rules.rank(results, SELECTION)
    assert [ranked[k].passed for k in "xyz"] == [True, False, False]
    assert [ranked[k].rank for k in "xyz"] == [1, 2, 3]
    assert ranked["y"].rating == "truot"


def test_single_winner_tie_at_the_top_keeps_both_and_says_so():
    results = {k: rules.evaluate(points((60, 30), (60, 30)), SELECTION) for k in "xy"}
    ranked = rules.rank(results, SELECTION)
    assert all(r.passed and r.rank == 1 and r.tied for r in ranked.values())
    assert "Đồng điểm" in ranked["x"].explanation


# ------------------------------------------------------------------------------------------ not applicable, weights


def test_not_applicable_is_excluded_never_zero():
    params = Params(method=rules.SCORE, criteria=(CriterionSpec("a", D(60)), CriterionSpec("b", D(40), allow_na=True)))
    result = rules.evaluate([Sheet(1, {"a": D(45), "b": None})], params)
    assert result.mean == D(75)  # 45/60 of the sheet, scaled to 100 — not 45
    assert dict(result.criterion_means) == {"a": D(45)}


def test_not_applicable_where_not_allowed_makes_the_sheet_invalid():
    params = Params(method=rules.SCORE, criteria=HUNDRED)
    result = rules.evaluate([Sheet(1, {"a": D(45), "b": None}), Sheet(2, {"a": D(50), "b": D(30)})], params)
    assert result.valid == (2,) and result.invalid[0][0] == 1


def test_all_not_applicable_is_invalid():
    params = Params(method=rules.SCORE, criteria=(CriterionSpec("a", D(10), allow_na=True),))
    result = rules.evaluate([Sheet(1, {"a": None})], params)
    assert result.mean is None and not result.passed and result.invalid


def test_weighted_criteria():
    # 10-point criteria weighted 6 and 4 → a 100-point sheet: 8×6 + 5×4 = 68.
    params = Params(method=rules.SCORE, criteria=(CriterionSpec("a", D(10), D(6)), CriterionSpec("b", D(10), D(4))))
    assert rules.evaluate([Sheet(1, {"a": D(8), "b": D(5)})], params).mean == D(68)


def test_weighted_criteria_with_not_applicable_are_normalised_to_the_sheet():
    params = Params(method=rules.SCORE, criteria=(CriterionSpec("a", D(10), D(6)),
                                                  CriterionSpec("b", D(10), D(4), allow_na=True)))
    assert rules.evaluate([Sheet(1, {"a": D(8), "b": None})], params).mean == D(80)  # 48/60 × 100


def test_out_of_range_points_make_the_sheet_invalid():
    params = Params(method=rules.SCORE, criteria=HUNDRED)
    result = rules.evaluate([Sheet(1, {"a": D(61), "b": D(0)})], params)
    assert result.mean is None and "ngoài khoảng" in result.invalid[0][1]


def test_score_levels_by_threshold():
    params = Params(method=rules.SCORE, criteria=HUNDRED, levels=(
        LevelSpec("xs", "Xuất sắc", min_score=D(90)), LevelSpec("kha", "Khá", min_score=D(80)),
        LevelSpec("dat", "Đạt", min_score=D(50)), LevelSpec("kd", "Không đạt", passing=False)))
    assert rules.evaluate(points((50, 30)), params).rating == "kha"
    assert rules.evaluate(points((50, 40)), params).rating == "xs"
    low = rules.evaluate(points((20, 20)), params)
    assert (low.rating, low.passed) == ("kd", False)


# ------------------------------------------------------------------------------------------ acceptance


def test_acceptance_three_quarters_excellent_none_failing_is_excellent():
    result = rules.evaluate(votes("xuat-sac", "xuat-sac", "xuat-sac", "dat"), ACCEPTANCE)
    assert (result.rating, result.passed) == ("xuat-sac", True)


def test_acceptance_one_failing_vote_vetoes_excellent():
    result = rules.evaluate(votes(*["xuat-sac"] * 8, "khong-dat"), ACCEPTANCE)
    assert result.rating == "dat"


def test_acceptance_below_three_quarters_excellent_is_pass():
    result = rules.evaluate(votes("xuat-sac", "xuat-sac", "dat", "dat"), ACCEPTANCE)
    assert result.rating == "dat"


def test_acceptance_exactly_one_third_failing_is_still_pass():
    result = rules.evaluate(votes("dat", "dat", "dat", "dat", "khong-dat", "khong-dat"), ACCEPTANCE)
    assert (result.rating, result.passed) == ("dat", True)


def test_acceptance_more_than_one_third_failing_fails():
    result = rules.evaluate(votes("dat", "dat", "dat", "khong-dat", "khong-dat"), ACCEPTANCE)
    assert (result.rating, result.passed) == ("khong-dat", False)


def test_acceptance_share_is_of_members_present_not_of_sheets():
    # 3 of 4 sheets say excellent, but 5 members are present: 3/5 < 3/4.
    result = rules.evaluate(votes("xuat-sac", "xuat-sac", "xuat-sac", "dat"), ACCEPTANCE, eligible={1, 2, 3, 4, 5})
    assert result.rating == "dat"


def test_acceptance_more_than_six_months_late_fails():
    sheets = votes("xuat-sac", "xuat-sac", "xuat-sac", "xuat-sac")
    assert rules.evaluate(sheets, ACCEPTANCE, months_late=6).rating == "xuat-sac"
    late = rules.evaluate(sheets, ACCEPTANCE, months_late=7)
    assert (late.rating, late.passed) == ("khong-dat", False) and "chậm 7 tháng" in late.explanation


def test_local_scale_kha_added_as_data():
    params = Params(method=rules.RATING_VOTE, levels=(
        ACCEPTANCE.levels[0],
        LevelSpec("kha", "Khá", vote_share=F(3, 4), count_better=True, vetoed_by="khong-dat"),
        *ACCEPTANCE.levels[1:]))
    assert rules.evaluate(votes("xuat-sac", "kha", "kha", "dat"), params).rating == "kha"
    assert rules.evaluate(votes("xuat-sac", "kha", "dat", "dat"), params).rating == "dat"


# ------------------------------------------------------------------------------------------ who counts, quorum


def test_sheets_of_members_not_eligible_are_ignored():
    sheets = votes("xuat-sac", "xuat-sac", "xuat-sac", "khong-dat")
    result = rules.evaluate(sheets, ACCEPTANCE, eligible={1, 2, 3})
    assert result.rating == "xuat-sac" and result.valid == (1, 2, 3) and result.invalid == ()


def test_entry_quorum_counts_seats_without_conflicted_members():
    params = Params(**{**ACCEPTANCE.__dict__, "quorum_share": F(2, 3)})
    sheets = votes("dat", "dat", "dat", "dat", "dat")
    assert rules.evaluate(sheets, params, eligible={1, 2, 3, 4, 5}, seats=8).quorum_met is False  # 5/8 < 2/3
    assert rules.evaluate(sheets, params, eligible={1, 2, 3, 4, 5}, seats=7).rating == "dat"  # 5/7


def test_round_quorum_two_thirds_exactly_is_enough():
    roles = {i: "member" for i in range(1, 10)}
    roles.update({1: "chair", 2: "secretary", 3: "reviewer"})
    assert rules.check_quorum(roles, range(1, 7), IDENTIFICATION) == []
    problems = rules.check_quorum(roles, range(1, 6), IDENTIFICATION)
    assert problems and "5/9" in problems[0]


def test_round_quorum_requires_chair_secretary_and_reviewers():
    roles = {1: "chair", 2: "secretary", 3: "reviewer", 4: "reviewer", 5: "member", 6: "vice_chair"}
    labels = {"chair": "Chủ tịch", "secretary": "Thư ký", "reviewer": "Ủy viên phản biện"}
    problems = rules.check_quorum(roles, [1, 3, 4, 5, 6], IDENTIFICATION, labels)
    assert problems == ["Thư ký vắng mặt."]
    assert rules.check_quorum(roles, [2, 3, 4, 5, 6], IDENTIFICATION, labels) == []  # vice chair stands in
    assert "Còn Ủy viên phản biện vắng mặt." in rules.check_quorum(roles, [1, 2, 3, 5, 6], IDENTIFICATION, labels)


# ------------------------------------------------------------------------------------------ ranking, prizes


def test_standard_competition_ranking_with_ties():
    means = {"a": D(90), "b": D(85), "c": D(85), "d": D(80), "e": None}
    results = {k: rules.EntryResult(mean=m, rating="", passed=m is not None, valid=(), invalid=())
               for k, m in means.items()}
    ranked = rules.rank(results, Params(method=rules.SCORE))
    assert {k: (r.rank, r.tied) for k, r in ranked.items()} == {
        "a": (1, False), "b": (2, True), "c": (2, True), "d": (4, False), "e": (None, False)}


def test_prizes_by_rank_are_shared_by_ties():
    params = Params(method=rules.SCORE, levels=(LevelSpec("a", "Giải A", max_rank=1), LevelSpec("b", "Giải B", max_rank=3),
                                                LevelSpec("kk", "Khuyến khích", max_rank=5, min_score=D(60))))
    means = {"x": D(90), "y": D(90), "z": D(80), "w": D(70), "v": D(50)}
    results = {k: rules.EntryResult(mean=m, rating="", passed=True, valid=(), invalid=()) for k, m in means.items()}
    ranked = rules.rank(results, params)
    assert {k: r.rating for k, r in ranked.items()} == {"x": "a", "y": "a", "z": "b", "w": "kk", "v": ""}


def test_published_rounds_half_up():
    assert rules.published(F(2, 3) * 100) == D("66.67")
    assert rules.published(F(1, 200)) == D("0.01")
    assert rules.vn(D("1022.50")) == "1.022,5"


def test_params_snapshot_round_trips():
    for params in (IDENTIFICATION, SELECTION, ACCEPTANCE):
        assert rules.params_from_dict(rules.params_to_dict(params)) == params


def test_duplicate_sheets_of_one_member_are_refused():
    with pytest.raises(ValueError):
        rules.evaluate([Sheet(1, verdict=True), Sheet(1, verdict=False)], IDENTIFICATION)


def test_a_scale_of_prizes_only_does_not_fail_entries():
    params = Params(method=rules.SCORE, criteria=HUNDRED, levels=(LevelSpec("a", "Giải A", max_rank=1),))
    results = {k: rules.evaluate(points(p), params) for k, p in (("x", (55, 35)), ("y", (50, 30)))}
    ranked = rules.rank(results, params)
    assert (ranked["x"].rating, ranked["x"].passed) == ("a", True)
    assert (ranked["y"].rating, ranked["y"].passed) == ("", True)
