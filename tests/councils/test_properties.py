"""Property tests of the scoring rules: the order of sheets never changes a result; excluded members never count."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dost.councils import rules
from dost.councils.rules import CriterionSpec, LevelSpec, Params, Sheet

pytestmark = pytest.mark.pure

CRITERIA = (CriterionSpec("a", D(30)), CriterionSpec("b", D(50), D("1.5")), CriterionSpec("c", D(20), allow_na=True))
LEVELS_SCORE = (LevelSpec("xs", "Xuất sắc", min_score=D(85)), LevelSpec("dat", "Đạt", min_score=D(50)),
                LevelSpec("kd", "Không đạt", passing=False))
LEVELS_VOTE = (LevelSpec("xuat-sac", "Xuất sắc", vote_share=F(3, 4), vetoed_by="khong-dat"),
               LevelSpec("kha", "Khá", vote_share=F(3, 4), count_better=True, vetoed_by="khong-dat"),
               LevelSpec("dat", "Đạt", is_default=True),
               LevelSpec("khong-dat", "Không đạt", passing=False, vote_share=F(1, 3), vote_inclusive=False))
PARAMS = {
    "score": Params(method=rules.SCORE, criteria=CRITERIA, levels=LEVELS_SCORE, outlier_share=F(1, 5),
                    min_mean=D(70), zero_share=F(1, 4)),
    "pass_share": Params(method=rules.PASS_SHARE, criteria=CRITERIA, pass_share=F(3, 4),
                         levels=(LevelSpec("yes", "Thực hiện"), LevelSpec("no", "Không", passing=False))),
    "rating_vote": Params(method=rules.RATING_VOTE, levels=LEVELS_VOTE, late_fail_months=6),
}

points = st.decimals(min_value=0, max_value=1, places=2)


@st.composite
def sheet_for(draw, member: int):
    scale = {"a": D(30), "b": D(50), "c": D(20)}
    scores = {code: (draw(points) * top).quantize(D("0.01")) for code, top in scale.items()}
    if draw(st.booleans()):
        scores["c"] = None
    if draw(st.integers(0, 9)) == 0:
        scores["a"] = D(0)
    rating = draw(st.sampled_from([lv.code for lv in LEVELS_VOTE] + [""]))
    verdict = draw(st.sampled_from([True, False, None]))
    return Sheet(member=member, scores=scores, rating=rating, verdict=verdict)


@st.composite
def sheets(draw, min_size=0, max_size=9, first=1):
    n = draw(st.integers(min_size, max_size))
    return [draw(sheet_for(first + i)) for i in range(n)]


methods = st.sampled_from(sorted(PARAMS))


@settings(max_examples=150, deadline=None)
@given(method=methods, data=sheets(), seed=st.randoms(use_true_random=False), late=st.none() | st.integers(0, 12))
def test_order_of_sheets_never_changes_the_result(method, data, seed, late):
    shuffled = list(data)
    seed.shuffle(shuffled)
    params = PARAMS[method]
    assert rules.evaluate(shuffled, params, months_late=late) == rules.evaluate(data, params, months_late=late)


@settings(max_examples=150, deadline=None)
@given(method=methods, counted=sheets(min_size=1), intruders=sheets(min_size=1, max_size=5, first=100),
       absent_without_sheet=st.integers(0, 3), seed=st.randoms(use_true_random=False))
def test_excluded_members_never_count(method, counted, intruders, absent_without_sheet, seed):
    """Sheets of absent or conflicted members (not eligible) change nothing, wherever they are in the list."""
    params = PARAMS[method]
    eligible = {s.member for s in counted}
    alone = rules.evaluate(counted, params, eligible=eligible, seats=len(eligible) + absent_without_sheet)
    mixed = counted + intruders
    seed.shuffle(mixed)
    with_intruders = rules.evaluate(mixed, params, eligible=eligible, seats=len(eligible) + absent_without_sheet)
    assert with_intruders == alone
    assert not {m for m, _reason in with_intruders.invalid} & {s.member for s in intruders}
    assert not set(with_intruders.valid) & {s.member for s in intruders}


@settings(max_examples=100, deadline=None)
@given(data=sheets(min_size=1))
def test_not_applicable_everywhere_is_the_same_as_no_criterion(data):
    """A criterion every sheet marks "not applicable" is excluded: the sheets are scored on the others, scaled."""
    na = [Sheet(s.member, {**s.scores, "c": None}) for s in data]
    with_c = Params(method=rules.SCORE, criteria=CRITERIA)
    a_and_b = (CriterionSpec("a", D(30)), CriterionSpec("b", D(50), D("1.5")))
    without_c = Params(method=rules.SCORE, criteria=a_and_b)
    scaled = rules.evaluate(na, with_c).exact_mean
    plain = rules.evaluate([Sheet(s.member, {"a": s.scores["a"], "b": s.scores["b"]}) for s in data],
                           without_c).exact_mean
    assert scaled == plain * with_c.sheet_max / without_c.sheet_max


@settings(max_examples=100, deadline=None)
@given(means=st.lists(st.none() | st.decimals(min_value=0, max_value=100, places=0), min_size=1, max_size=12),
       seed=st.randoms(use_true_random=False))
def test_ranks_do_not_depend_on_the_order_of_entries(means, seed):
    results = {i: rules.EntryResult(mean=m, rating="", passed=m is not None, valid=(), invalid=())
               for i, m in enumerate(means)}
    keys = list(results)
    seed.shuffle(keys)
    shuffled = {k: results[k] for k in keys}
    params = Params(method=rules.SCORE, levels=(LevelSpec("a", "Giải A", max_rank=1), LevelSpec("b", "Giải B", max_rank=3)))
    ranked, reranked = rules.rank(results, params), rules.rank(shuffled, params)
    assert ranked == reranked
    for result in ranked.values():
        if result.mean is not None:
            assert result.rank == 1 + sum(1 for m in means if m is not None and m > result.mean)
