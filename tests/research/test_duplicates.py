"""Grouping proposals with the same title: normalised-token Jaccard at or above 3/5 (pure)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dost.research.duplicates import THRESHOLD, group_duplicates, jaccard, similar_to, tokens

pytestmark = pytest.mark.pure

TITLES = [
    (1, "Nghiên cứu bảo tồn giá trị văn hóa dân tộc Nùng, Dao phục vụ phát triển du lịch ở huyện Lục Ngạn, Sơn Động"),
    (2, "Ứng dụng tiến bộ KH&CN xây dựng mô hình chăn nuôi ngựa bạch tại huyện Lục Ngạn"),
    (3, "BẢO TỒN GIÁ TRỊ VĂN HOÁ DÂN TỘC NÙNG, DAO GẮN VỚI PHÁT TRIỂN DU LỊCH LỤC NGẠN, SƠN ĐỘNG"),
    (4, "Nghiên cứu sản xuất và sử dụng phân bón chuyên dùng cho cây vải thiều tại tỉnh Bắc Giang"),
    (5, "Xây dựng mô hình chăn nuôi ngựa bạch theo hướng hàng hoá tại Lục Ngạn"),
    (6, "Nghiên cứu đặc điểm dịch tễ và biện pháp phòng chống bệnh Viêm da nổi cục ở trâu, bò"),
]


def test_boilerplate_and_diacritics_do_not_count():
    assert tokens("Nghiên cứu ứng dụng xây dựng mô hình trồng ĐỖ tương trên địa bàn tỉnh Bắc Giang") == frozenset(
        {"trong", "do", "tuong"})


def test_jaccard_is_shared_over_all():
    assert jaccard(frozenset("abc"), frozenset("bcd")) == Fraction(2, 4)
    assert jaccard(frozenset(), frozenset()) == 0


def test_groups_the_same_subject_written_differently():
    groups = group_duplicates(TITLES)
    assert [g.ids for g in groups] == [[1, 3], [2, 5]]
    assert groups[0].pairs[0].score >= THRESHOLD
    assert "nung" in groups[0].pairs[0].shared


def test_different_subjects_in_one_place_are_not_grouped():
    groups = group_duplicates(TITLES)
    assert all(4 not in g.ids and 6 not in g.ids for g in groups)


def test_groups_are_transitive():
    items = [(1, "mô hình trồng cam sạch bệnh V2 Lục Ngạn"), (2, "trồng cam sạch bệnh V2 CS1 Lục Ngạn"),
             (3, "trồng cam sạch bệnh CS1 Lục Ngạn Sơn Động")]
    assert [g.ids for g in group_duplicates(items)] == [[1, 2, 3]]


def test_threshold_boundary_is_inclusive():
    # 3 shared of 5 distinct tokens: exactly 3/5
    items = [(1, "alpha beta gamma delta"), (2, "alpha beta gamma epsilon")]
    assert group_duplicates(items, Fraction(3, 5)) and not group_duplicates(items, Fraction(61, 100))


def test_similar_to_a_new_title():
    found = similar_to("Bảo tồn văn hóa dân tộc Nùng, Dao và phát triển du lịch Lục Ngạn, Sơn Động", TITLES)
    assert {p.right for p in found} == {1, 3}
    assert found[0].score >= found[1].score
