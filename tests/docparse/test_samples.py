"""The five real plans: header, bases, budget, closing block, tasks and tables against the hand-written gold."""

from __future__ import annotations

import pytest

from dost.docparse.header import normalise_number

from .conftest import SAMPLE_STEMS, gold, parsed_sample

S000, S001, S002, S003, S004 = SAMPLE_STEMS


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
@pytest.mark.parametrize("field", ["kind", "number", "symbol", "place", "date", "title", "issuer"])
def test_header_field(stem: str, field: str) -> None:
    assert parsed_sample(stem)[field] == gold(stem)[field]


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_signer(stem: str) -> None:
    assert parsed_sample(stem)["signer"] == gold(stem)["signer"]


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_legal_bases(stem: str) -> None:
    assert [normalise_number(b) for b in parsed_sample(stem)["bases"]] == \
        [normalise_number(b) for b in gold(stem)["bases"]]


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_budget(stem: str) -> None:
    assert parsed_sample(stem)["budget_vnd"] == gold(stem)["budget_vnd"]


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_recipients_as_printed(stem: str) -> None:
    assert parsed_sample(stem)["recipients"] == gold(stem)["recipients"]


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_spans_point_at_the_values_in_text(stem: str) -> None:
    r = parsed_sample(stem)
    text = r["text"]
    a, b = r["spans"]["symbol"]
    assert text[a:b] == r["symbol"]
    if r["number"]:
        a, b = r["spans"]["number"]
        assert text[a:b] == r["number"]
    a, b = r["spans"]["place"]
    assert text[a:b] == r["place"]
    a, b = r["spans"]["title"]
    assert " ".join(text[a:b].replace("*", "").replace("#", "").split()).endswith(r["title"][-20:])


def test_2026_plan_budget_is_800_million() -> None:
    assert parsed_sample(S000)["budget_vnd"] == 800_000_000


def test_2026_plan_number_blank_but_symbol_kept() -> None:
    r = parsed_sample(S000)
    assert r["number"] is None and r["symbol"] == "KH-SKHCN"
    assert r["date"] == {"year": 2026, "month": 2, "day": None}


def test_2026_plan_first_task_is_ongoing() -> None:
    tasks = parsed_sample(S000)["tasks"]
    assert [t["due"] for t in tasks] == ["ongoing", None]


def test_2024_socioeconomic_plan_total_in_dong_is_read_as_millions_with_warning() -> None:
    r = parsed_sample(S001)
    assert r["budget_vnd"] == 340_039_000_000
    assert any("triệu đồng" in w for w in r["warnings"])


def test_2024_socioeconomic_plan_tasks_are_the_plan_part_not_the_results_report() -> None:
    titles = [t["title"] for t in parsed_sample(S001)["tasks"]]
    assert titles[0] == "Hoạt động tiêu chuẩn đo lường chất lượng"
    assert len(titles) == 7
    assert not any("Chủ tịch UBND tỉnh giao" in t for t in titles)


def test_2024_socioeconomic_plan_appendix_tables() -> None:
    tables = parsed_sample(S001)["tables"]
    assert [t["title"][:11] for t in tables] == ["Phụ lục II ", "Phụ lục III", "Phụ lục IV ", "Phụ lục V D"]
    indicator = tables[0]
    assert len(indicator["header"]) == 2
    assert indicator["rows"][0]["label"] == "Số đề tài, dự án"
    assert [r["level"] for r in indicator["rows"][:4]] == [1, 2, 3, 3]
    assert indicator["rows"][0]["cells"][3:7] == ["17", "18", "18", "14"]


def test_2024_socioeconomic_plan_page_break_rows_are_merged() -> None:
    report = parsed_sample(S001)["tables"][2]
    refs = [r["cells"][0] for r in report["rows"]]
    assert refs == ["I", "I", "1", "2", "3", "II", "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "2.3", "2.4"]
    assert "trong năm 2022" in report["rows"][7]["cells"][1]


def test_key_tasks_plan_has_six_tasks_with_leads_and_months() -> None:
    tasks = parsed_sample(S002)["tasks"]
    assert [(t["lead"], t["due"]) for t in tasks] == [
        ("Phòng Quản lý Khoa học", "2022-03"),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng", "2022-12"),
        ("Trung tâm Ứng dụng KH&CN", "2022-05"),
        ("Phòng Quản lý Khoa học", "2022-05"),
        ("Phòng Quản lý KHCN cơ sở và sở hữu trí tuệ", "2022-08"),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng", "2022-12"),
    ]
    assert all(t["start"] == "2022-01" for t in tasks)


def test_key_tasks_plan_body_appendix_conflicts_keep_appendix_and_warn() -> None:
    warnings = [w for w in parsed_sample(S002)["warnings"] if "phụ lục" in w]
    assert len(warnings) == 2
    assert "2022-06" in warnings[0] and "2022-05" in warnings[0]


def test_key_tasks_plan_roadmap_and_deliverables() -> None:
    task = parsed_sample(S002)["tasks"][1]
    assert [m["month"] for m in task["milestones"]] == [
        "2022-01", "2022-02", "2022-05", "2022-06", "2022-09", "2022-11", "2022-12"]
    assert "2532/QĐ-UBND" in task["milestones"][2]["text"]  # joined across the page break
    assert task["deliverables"][0] == "Bảng tổng hợp, theo dõi kế hoạch của các cơ quan"


def test_key_tasks_plan_replaces_earlier_plan() -> None:
    assert parsed_sample(S002)["replaces"] == ["33/KH-KH&CN"]


def test_technology_plan_time_boxed_steps() -> None:
    tasks = parsed_sample(S003)["tasks"]
    assert [t["ref"] for t in tasks] == ["1", "2", "3", "4", "5", "7", "8", "9", "10", "11"]
    assert (tasks[0]["start"], tasks[0]["due"]) == ("2019-03-01", "2019-03-31")
    assert tasks[-1]["due"] == "2019-10" and tasks[-1]["title"] == "Trình kỳ họp UBND tỉnh"


def test_technology_plan_recipients_include_electronic_copies() -> None:
    assert "khanhtq@bacgiang.gov.vn" in parsed_sample(S003)["recipients"]


def test_productivity_plan_five_tasks_led_by_department() -> None:
    tasks = parsed_sample(S004)["tasks"]
    assert len(tasks) == 5
    assert {t["lead"] for t in tasks} == {"Sở KH&CN"}
    assert [t["due"] for t in tasks] == ["2023", "annual", "annual", "annual", "2023"]
    assert tasks[4]["start"] == "2021"


def test_productivity_plan_partners_split() -> None:
    assert parsed_sample(S004)["tasks"][0]["partners"] == [
        "Các sở, ngành", "UBND huyện/TP", "doanh nghiệp", "Liên minh HTX", "Hiệp hội DN tỉnh"]


def test_productivity_plan_targets() -> None:
    targets = parsed_sample(S004)["targets"]
    assert [(t["value"], t["unit"], t["comparator"]) for t in targets] == [
        (2, "chuyên gia", ">="), (3, "%", ">="), (2, "doanh nghiệp", ">="), (1, "tổ chức khoa học và công nghệ", "=")]


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_tasks_match_gold_titles(stem: str) -> None:
    from dost.docparse.similarity import match_pairs

    pred, want = parsed_sample(stem)["tasks"], gold(stem)["tasks"]
    assert len(match_pairs([t["title"] for t in pred], [t["title"] for t in want])) == len(want) == len(pred)


@pytest.mark.parametrize("stem", SAMPLE_STEMS)
def test_output_has_exactly_the_contract_keys(stem: str) -> None:
    assert set(parsed_sample(stem)) == {
        "kind", "issuer", "number", "symbol", "place", "date", "title", "bases", "replaces", "budget_vnd", "signer",
        "recipients", "tasks", "targets", "tables", "warnings", "text", "spans"}
