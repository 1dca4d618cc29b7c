"""Random and mutated input never raises anything but ParseError."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dost.docparse import ParseError, parse_file, parse_text

from .conftest import EXTRA, SAMPLES

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
VOCAB = ["Số: ", "/KH-", "KẾ HOẠCH", "Nơi nhận:", "KT. GIÁM ĐỐC", "\t", "\n", "<p>", "</p>", "<ul>", "- Tháng ",
         "Quý II/", "Tổng kinh phí: ", " tỷ đồng", "I. ", "1.1. ", "a) ", "Phụ lục", "|", "**", "##", "ngày ",
         "tháng ", "năm 2024", "Căn cứ ", "thay thế Kế hoạch số 1/KH-X", "STT\tNội dung\tĐơn vị chủ trì", "1\t"]


def _safe_text(text: str) -> None:
    try:
        result = parse_text(text)
    except ParseError:
        return
    assert isinstance(result, dict)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    _safe_text(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=12)), max_size=200))
def test_random_document_like_tokens(parts: list[str]) -> None:
    _safe_text("".join(parts))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(SAMPLE_TEXTS) - 1), st.integers(0, 2**32 - 1), st.integers(1, 40))
def test_mutated_samples(which: int, seed: int, edits: int) -> None:
    rng = random.Random(seed)
    chars = list(SAMPLE_TEXTS[which])
    for _ in range(edits):
        op = rng.randrange(4)
        at = rng.randrange(len(chars) + 1)
        if op == 0 and chars:
            del chars[at: at + rng.randrange(1, 500)]
        elif op == 1:
            chars[at:at] = rng.choice(VOCAB)
        elif op == 2 and chars:
            src = rng.randrange(len(chars))
            chars[at:at] = chars[src: src + rng.randrange(1, 300)]
        else:
            chars[at:at] = chr(rng.randrange(0, 0x2FFF))
    _safe_text("".join(chars))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=4096), st.sampled_from([".txt", ".docx", ".pdf", ".doc", ".bin"]))
def test_random_bytes_files(tmp_path_factory, data: bytes, suffix: str) -> None:
    p = tmp_path_factory.mktemp("rnd") / f"x{suffix}"
    p.write_bytes(data)
    try:
        parse_file(p)
    except ParseError:
        pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32 - 1))
def test_mutated_binary_documents(tmp_path_factory, seed: int) -> None:
    rng = random.Random(seed)
    source = rng.choice([EXTRA / "ktdn_2025.docx", EXTRA / "ktdn_2025.pdf"])
    data = bytearray(source.read_bytes())
    for _ in range(rng.randrange(1, 20)):
        at = rng.randrange(len(data))
        data[at] = rng.randrange(256)
    p: Path = tmp_path_factory.mktemp("mut") / source.name
    p.write_bytes(bytes(data))
    try:
        parse_file(p)
    except ParseError:
        pass
