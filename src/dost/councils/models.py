"""Councils and juries: rule sets (types), councils, rounds, entries, conflicts and score sheets (instances).

See README.md. The rule set holds what a result means (edited by an administrator; national defaults are
seeded by ``defaults``); the round snapshots it when it closes so that a closed round can always be
re-checked with the rules it was decided under. Results are stored on the entry: they are the council's
decision record. Every write goes through ``services``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dost.core.mixins import BusinessModel
from dost.core.status import CouncilRole, RoundStatus
from dost.core.text import fold

from . import rules


class Method(models.TextChoices):
    PASS_SHARE = rules.PASS_SHARE, _("Tỷ lệ phiếu đạt")
    SCORE = rules.SCORE, _("Chấm điểm theo tiêu chí")
    RATING_VOTE = rules.RATING_VOTE, _("Bỏ phiếu xếp loại")


class Purpose(models.TextChoices):
    IDENTIFICATION = "identification", _("Tư vấn xác định nhiệm vụ")
    SELECTION = "selection", _("Tuyển chọn, giao trực tiếp")
    APPRAISAL = "appraisal", _("Thẩm định kinh phí")
    ACCEPTANCE = "acceptance", _("Nghiệm thu")
    INITIATIVE = "initiative", _("Xét công nhận sáng kiến")
    AWARD = "award", _("Giải thưởng, cuộc thi")
    IDEAS = "ideas", _("Cuộc thi ý tưởng")
    ISO = "iso", _("Chấm điểm ISO 9001")
    OTHER = "other", _("Khác")


class RoundKind(models.TextChoices):
    SINGLE = "single", _("Một vòng")
    PRELIMINARY = "preliminary", _("Sơ khảo")
    FINAL = "final", _("Chung khảo")


class SheetSource(models.TextChoices):
    ONLINE = "online", _("Chấm trực tuyến")
    PAPER = "paper", _("Nhập từ phiếu giấy")


def validate_share(value: str) -> None:
    """A share written as a fraction ("2/3", "1/4") or a decimal ("0.2"), between 0 and 1."""
    if value in (None, ""):
        return
    try:
        share = rules.as_fraction(value)
    except (ValueError, ZeroDivisionError) as error:
        raise ValidationError(_("“%(value)s” không phải là tỷ lệ (ví dụ 2/3 hoặc 0.2)."),
                              params={"value": value}) from error
    if share is None or share < 0 or share > 1:
        raise ValidationError(_("Tỷ lệ phải nằm trong khoảng 0 đến 1 (ví dụ 3/4)."))


class ShareField(models.CharField):
    """A share kept exactly as written ("2/3"): a decimal 0.6667 would make 6 of 9 members fall short of 2/3."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_share])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs


def _fraction(text: str) -> Fraction | None:
    return rules.as_fraction(text) if text else None


class RuleSet(BusinessModel):
    """What a round's result means, as data a province can change (national defaults: ``defaults``)."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên bộ quy tắc"), max_length=255)
    purpose = models.CharField(_("dùng cho"), max_length=20, choices=Purpose.choices, default=Purpose.OTHER)
    method = models.CharField(_("cách ra kết quả"), max_length=16, choices=Method.choices, default=Method.SCORE)
    legal_basis = models.TextField(_("căn cứ"), blank=True)
    quorum_share = ShareField(_("tỷ lệ thành viên có mặt tối thiểu"), default="2/3",
                              help_text=_("Phân số, ví dụ 2/3; để trống nếu không yêu cầu."))
    required_roles = models.JSONField(_("vai trò bắt buộc có mặt"), default=list, blank=True,
                                      help_text=_("Ví dụ [\"chair\", \"secretary\", \"reviewer\"]."))
    pass_share = ShareField(_("tỷ lệ phiếu đạt"), help_text=_("Phương pháp “tỷ lệ phiếu đạt”: ví dụ 3/4."))
    pass_inclusive = models.BooleanField(_("tính cả bằng ngưỡng"), default=False,
                                         help_text=_("Bỏ chọn: phải TRÊN tỷ lệ (quá 3/4); chọn: TỪ tỷ lệ trở lên."))
    outlier_share = ShareField(_("độ lệch tối đa của phiếu so với trung bình"),
                               help_text=_("Ví dụ 0.2: phiếu lệch quá 20% so với điểm trung bình là không hợp lệ."))
    min_mean = models.DecimalField(_("điểm trung bình tối thiểu"), max_digits=7, decimal_places=2, null=True,
                                   blank=True)
    zero_share = ShareField(_("tỷ lệ tối đa thành viên cho 0 điểm một tiêu chí"),
                            help_text=_("Ví dụ 1/4: không tiêu chí nào bị quá 1/4 số thành viên có mặt cho 0 điểm."))
    single_winner = models.BooleanField(_("chỉ chọn một hồ sơ điểm cao nhất"), default=False)
    late_fail_months = models.PositiveSmallIntegerField(_("chậm quá số tháng thì không đạt"), null=True, blank=True)
    advance_count = models.PositiveSmallIntegerField(_("số hồ sơ vào vòng sau"), null=True, blank=True,
                                                     help_text=_("Vòng sơ khảo: số hồ sơ xếp hạng cao nhất vào "
                                                                 "chung khảo (đồng hạng ở ranh giới đều được vào)."))
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["purpose", "name"]
        verbose_name = _("bộ quy tắc đánh giá")
        verbose_name_plural = _("bộ quy tắc đánh giá")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        unknown = [r for r in (self.required_roles or []) if r not in CouncilRole.values]
        if not isinstance(self.required_roles, list) or unknown:
            raise ValidationError({"required_roles": gettext("Vai trò không hợp lệ: %(roles)s (dùng %(known)s).") % {
                "roles": ", ".join(map(str, unknown)) or str(self.required_roles),
                "known": ", ".join(CouncilRole.values)}})
        if self.method == Method.PASS_SHARE and not self.pass_share:
            raise ValidationError({"pass_share": gettext("Phương pháp “tỷ lệ phiếu đạt” cần tỷ lệ phiếu đạt.")})

    def params(self, criteria=None, levels=None) -> rules.Params:
        """The rules' parameters (criteria and levels prefetched or given)."""
        criteria = list(self.criteria.all()) if criteria is None else criteria
        levels = list(self.levels.all()) if levels is None else levels
        parents = {c.parent_id for c in criteria if c.parent_id}
        by_pk = {c.pk: c for c in criteria}
        return rules.Params(
            method=self.method,
            criteria=tuple(c.spec(by_pk.get(c.parent_id)) for c in ordered_criteria(criteria) if c.pk not in parents),
            levels=tuple(lv.spec() for lv in sorted(levels, key=lambda lv: (lv.position, lv.pk or 0))),
            pass_share=_fraction(self.pass_share), pass_inclusive=self.pass_inclusive,
            outlier_share=_fraction(self.outlier_share), min_mean=self.min_mean,
            zero_share=_fraction(self.zero_share), quorum_share=_fraction(self.quorum_share),
            required_roles=tuple(self.required_roles or ()), late_fail_months=self.late_fail_months,
            single_winner=self.single_winner,
        )


class RatingLevel(BusinessModel):
    """A level of a rule set's scale (best first): thresholds, vote shares, or a prize by rank."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="levels",
                                 verbose_name=_("bộ quy tắc"))
    position = models.PositiveSmallIntegerField(_("thứ tự (tốt nhất trước)"), default=0)
    code = models.SlugField(_("mã"), max_length=40)
    label = models.CharField(_("tên mức"), max_length=100)
    passing = models.BooleanField(_("là mức đạt"), default=True)
    min_score = models.DecimalField(_("điểm tối thiểu"), max_digits=7, decimal_places=2, null=True, blank=True)
    vote_share = ShareField(_("tỷ lệ phiếu cần có"), help_text=_("Bỏ phiếu xếp loại: ví dụ 3/4."))
    vote_inclusive = models.BooleanField(_("tính cả bằng ngưỡng"), default=True,
                                         help_text=_("Chọn: TỪ tỷ lệ trở lên (≥ 3/4); bỏ chọn: TRÊN tỷ lệ (> 1/3)."))
    count_better = models.BooleanField(_("cộng phiếu các mức cao hơn"), default=False)
    vetoed_by = models.SlugField(_("không được nếu có phiếu mức"), max_length=40, blank=True,
                                 help_text=_("Mã mức: chỉ một phiếu mức này là không xếp được mức đang sửa."))
    max_rank = models.PositiveSmallIntegerField(_("giải theo thứ hạng (đến hạng)"), null=True, blank=True)
    is_default = models.BooleanField(_("mức mặc định"), default=False)

    class Meta:
        ordering = ["rule_set", "position", "id"]
        verbose_name = _("mức xếp loại")
        verbose_name_plural = _("mức xếp loại")
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="councils_level_unique_code")]

    def __str__(self) -> str:
        return self.label

    def spec(self) -> rules.LevelSpec:
        return rules.LevelSpec(code=self.code, label=self.label, passing=self.passing, min_score=self.min_score,
                               vote_share=_fraction(self.vote_share), vote_inclusive=self.vote_inclusive,
                               count_better=self.count_better, vetoed_by=self.vetoed_by, max_rank=self.max_rank,
                               is_default=self.is_default)


class Criterion(BusinessModel):
    """A criterion of a rule set; a criterion with children is a group (a heading with a sub-total)."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="criteria",
                                 verbose_name=_("bộ quy tắc"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("nhóm tiêu chí"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã"), max_length=40, help_text=_("Ví dụ 1.2; không trùng trong bộ quy tắc."))
    label = models.CharField(_("tiêu chí"), max_length=500)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2, default=Decimal("0"),
                                     validators=[MinValueValidator(0)])
    weight = models.DecimalField(_("trọng số"), max_digits=6, decimal_places=3, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    allow_na = models.BooleanField(_("cho phép “không áp dụng”"), default=False)

    class Meta:
        ordering = ["rule_set", "position", "id"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [models.UniqueConstraint(fields=["rule_set", "code"], name="councils_criterion_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.label}"

    @property
    def display_code(self) -> str:
        """"1.2" is printed before the label; a word code ("noi-dung") is only a key."""
        return self.code if any(ch.isdigit() for ch in self.code) else ""

    def spec(self, parent: Criterion | None = None) -> rules.CriterionSpec:
        return rules.CriterionSpec(code=self.code, max_points=self.max_points, weight=self.weight,
                                   allow_na=self.allow_na, label=self.label, group=parent.code if parent else "")


def ordered_criteria(criteria: list[Criterion]) -> list[Criterion]:
    """Groups by their position, each followed by its criteria (no query: the parents are in the list)."""
    by_pk = {c.pk: c for c in criteria}

    def key(c: Criterion) -> tuple[int, int, int, int]:
        parent = by_pk.get(c.parent_id)
        if parent is None:
            return (c.position, c.pk or 0, 0, 0)
        return (parent.position, parent.pk or 0, 1 + c.position, c.pk or 0)

    return sorted(criteria, key=key)


class Council(BusinessModel):
    """A council or jury formed by a decision; its owning organisation decides who manages it."""

    name = models.CharField(_("tên hội đồng"), max_length=500)
    purpose = models.CharField(_("mục đích"), max_length=20, choices=Purpose.choices)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="councils",
                                     verbose_name=_("đơn vị quản lý"))
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="councils",
                                 verbose_name=_("bộ quy tắc mặc định"))
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    decision_number = models.CharField(_("số quyết định thành lập"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký quyết định"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("hội đồng")
        verbose_name_plural = _("hội đồng")
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("council_detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = fold(f"{self.name} {self.decision_number} {self.note}")
        super().save(*args, **kwargs)


class CouncilMember(BusinessModel):
    """A member (internal or external expert); ``user`` set when the member scores online in dost."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members",
                                verbose_name=_("hội đồng"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("họ và tên"), max_length=255)
    title = models.CharField(_("học hàm, học vị, chức vụ"), max_length=255, blank=True)
    affiliation = models.CharField(_("cơ quan công tác"), max_length=255, blank=True)
    external = models.BooleanField(_("chuyên gia bên ngoài"), default=False)
    role = models.CharField(_("vai trò"), max_length=16, choices=CouncilRole.choices, default=CouncilRole.MEMBER)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="council_seats", verbose_name=_("tài khoản chấm trực tuyến"))

    class Meta:
        ordering = ["council", "position", "id"]
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], condition=Q(user__isnull=False),
                                    name="councils_member_unique_user"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display(self) -> str:
        return f"{self.title} {self.name}".strip()


class Round(BusinessModel):
    """An assessment session of a council: its rule set, entries, members present, and result."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("hội đồng"))
    title = models.CharField(_("tên phiên, vòng"), max_length=500)
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="rounds",
                                 verbose_name=_("bộ quy tắc"))
    kind = models.CharField(_("loại vòng"), max_length=12, choices=RoundKind.choices, default=RoundKind.SINGLE)
    previous = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="next_rounds",
                                 verbose_name=_("vòng trước"))
    advance_count = models.PositiveSmallIntegerField(_("số hồ sơ lấy từ vòng trước"), null=True, blank=True)
    meeting_date = models.DateField(_("ngày họp"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=RoundStatus.choices,
                              default=RoundStatus.PREPARING)
    present = models.ManyToManyField(CouncilMember, blank=True, related_name="rounds_present",
                                     verbose_name=_("thành viên có mặt"))
    rules_snapshot = models.JSONField(_("quy tắc đã áp dụng"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("ra kết quả lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("người ra kết quả"))
    result_decision_number = models.CharField(_("số quyết định công nhận kết quả"), max_length=100, blank=True)
    result_decision_date = models.DateField(_("ngày quyết định công nhận"), null=True, blank=True)

    class Meta:
        ordering = ["council", "id"]
        verbose_name = _("phiên đánh giá")
        verbose_name_plural = _("phiên đánh giá")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("council_round_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED


class Entry(BusinessModel):
    """What a round scores; after closing, its result (the council's decision record for it)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries", verbose_name=_("phiên"))
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã hồ sơ"), max_length=60, blank=True)
    title = models.CharField(_("tên hồ sơ"), max_length=1000)
    author = models.CharField(_("tác giả, chủ nhiệm"), max_length=500, blank=True)
    organisation_name = models.CharField(_("tổ chức"), max_length=500, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    source_entry = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="advanced_to", verbose_name=_("hồ sơ ở vòng trước"))
    months_late = models.PositiveSmallIntegerField(_("số tháng chậm nộp"), null=True, blank=True)
    # The result, written once at closing.
    mean = models.DecimalField(_("điểm trung bình"), max_digits=7, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("xếp loại (mã)"), max_length=40, blank=True)
    rating_label = models.CharField(_("xếp loại"), max_length=100, blank=True)
    passed = models.BooleanField(_("đạt"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("xếp hạng"), null=True, blank=True)
    tied = models.BooleanField(_("đồng hạng"), default=False)
    valid_sheet_count = models.PositiveSmallIntegerField(_("số phiếu hợp lệ"), default=0)
    invalid_sheets = models.JSONField(_("phiếu không hợp lệ"), default=list, blank=True)
    details = models.JSONField(_("chi tiết kết quả"), default=dict, blank=True)
    explanation = models.TextField(_("diễn giải kết quả"), blank=True)

    class Meta:
        ordering = ["round", "position", "id"]
        verbose_name = _("hồ sơ đánh giá")
        verbose_name_plural = _("hồ sơ đánh giá")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse("council_entry_detail", args=[self.pk])


class ConflictOfInterest(BusinessModel):
    """A member tied to an entry: that member neither scores it nor counts for it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("hồ sơ"))
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="conflicts",
                               verbose_name=_("thành viên"))
    reason = models.CharField(_("lý do"), max_length=500)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    class Meta:
        ordering = ["entry", "member"]
        verbose_name = _("xung đột lợi ích")
        verbose_name_plural = _("xung đột lợi ích")
        constraints = [models.UniqueConstraint(fields=["entry", "member"], name="councils_conflict_unique")]

    def __str__(self) -> str:
        return f"{self.member} — {self.entry}"


class ScoreSheet(BusinessModel):
    """A member's submitted sheet for an entry (online by the member, or from paper by the secretary/officer).

    Sheets exist only once submitted and are never edited: sealed scoring relies on that.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sheets", verbose_name=_("hồ sơ"))
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="sheets",
                               verbose_name=_("thành viên"))
    source = models.CharField(_("nguồn phiếu"), max_length=8, choices=SheetSource.choices,
                              default=SheetSource.ONLINE)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người nhập"))
    total = models.DecimalField(_("tổng điểm"), max_digits=7, decimal_places=2, null=True, blank=True)
    rating = models.CharField(_("xếp loại"), max_length=40, blank=True)
    verdict = models.BooleanField(_("kết luận đạt"), null=True, blank=True)
    comment = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        ordering = ["entry", "member__position", "member_id"]
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        constraints = [models.UniqueConstraint(fields=["entry", "member"], name="councils_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.member} — {self.entry}"


class Score(BusinessModel):
    """Points for one criterion on a sheet; ``points`` NULL means "not applicable" (excluded, never zero)."""

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["sheet", "criterion__position", "criterion_id"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="councils_score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"
