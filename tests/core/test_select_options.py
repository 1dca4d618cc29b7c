"""``select_options``: filter selects' options built in Python."""

from __future__ import annotations

from dost.core.templatetags.dost_format import select_options

CHOICES = [("", "---------"), (1, "Thủ tục <A>"), (2, "Thủ tục B")]


def test_marks_the_selected_value_compared_as_text():
    html = select_options(CHOICES, "2")
    assert '<option value="2" selected>Thủ tục B</option>' in html
    assert '<option value="1">' in html


def test_leaves_out_the_blank_choice_without_a_label():
    assert 'value=""' not in select_options(CHOICES, None)


def test_labels_the_blank_choice_when_asked():
    assert select_options(CHOICES, "", "Mọi thủ tục").startswith('<option value="" selected>Mọi thủ tục</option>')


def test_escapes_labels():
    assert "Thủ tục &lt;A&gt;" in select_options(CHOICES, None)
