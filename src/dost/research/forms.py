"""Forms of the research pages; the lifecycle's move form is built from the transition's own field list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dost.core.forms import BootstrapMixin, VersionedForm, writable_organisations
from dost.core.models import Organisation
from dost.core.permissions import WRITE_ROLES, scope_for
from dost.core.status import OrganisationKind, ProjectStatus

from .lifecycle import Transition
from .models import CallRound, CheckOutcome, MemberRole, ProgressCheck, Project, Proposal
from .services import PRE_CONTRACT, Decision

DATE = {"type": "date"}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


# Public bodies and S&T organisations are offered in full; enterprises, cooperatives and local authorities
# (thousands in a province) only when already linked to a task — others are typed as printed (host_name).
LISTED_KINDS = (OrganisationKind.SCIENCE_ORG, OrganisationKind.CENTRE, OrganisationKind.MINISTRY,
                OrganisationKind.PEOPLES_COMMITTEE, OrganisationKind.DEPARTMENT, OrganisationKind.SUB_DEPARTMENT,
                OrganisationKind.DIVISION, OrganisationKind.OFFICE, OrganisationKind.ASSOCIATION)


def _with_parent(organisation: Organisation) -> str:
    """"Phòng Quản lý Khoa học (Sở KH&CN Bắc Ninh)": units of the same name in merged provinces stay apart."""
    parent = organisation.parent
    return f"{organisation.name} ({parent.short_name or parent.name})" if parent is not None else organisation.name


def _managing(user: Any):
    return writable_organisations(user).select_related("parent")


def _organisations():
    linked = (Q(pk__in=Project.objects.filter(host__isnull=False).values("host_id"))
              | Q(pk__in=Project.objects.filter(ordering_organisation__isnull=False).values("ordering_organisation_id")))
    return (Organisation.objects.filter(Q(kind__in=LISTED_KINDS) | linked)
            .only("id", "name", "path").order_by("name"))


class ProjectForm(BootstrapMixin, VersionedForm):
    """A project's facts. Once contracted, dates and budget change only through moves with decisions."""

    class Meta:
        model = Project
        fields = ["organisation", "code", "title", "level", "field", "kind", "year", "summary", "expected_results",
                  "host", "host_name", "principal_investigator", "pi_title", "ordering_organisation", "ordering_name",
                  "plan_task",
                  "start_date", "end_date", "budget_state_vnd", "budget_other_vnd"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 3}),
            "start_date": _date_widget(),
            "end_date": _date_widget(),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _managing(user)
        self.fields["organisation"].label_from_instance = _with_parent
        for name in ("host", "ordering_organisation", "plan_task"):
            self.fields[name].empty_label = "—"
        self.fields["host"].queryset = _organisations()
        self.fields["ordering_organisation"].queryset = _organisations()
        from dost.plans.permissions import visible_tasks

        recent = Q(plan__date_year__gte=timezone.localdate().year - 5) | Q(plan__date_year__isnull=True)
        if self.instance.plan_task_id:
            recent |= Q(pk=self.instance.plan_task_id)
        self.fields["plan_task"].queryset = (visible_tasks(user).filter(recent).select_related("plan")
                                             .order_by("-plan__date_year", "plan_id", "order"))
        self.fields["plan_task"].label_from_instance = lambda t: f"{t.plan.number_symbol} — {t.ref} {t.title[:90]}"
        if self.instance.pk and self.instance.status not in PRE_CONTRACT:
            for name in ("organisation", "start_date", "end_date", "budget_state_vnd", "budget_other_vnd"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Đã ký hợp đồng: thay đổi qua bước điều chỉnh, gia hạn.")
        self._style()

    def clean(self):
        data = super().clean()
        if not data.get("host") and not (data.get("host_name") or "").strip() and self.instance.status not in (
                ProjectStatus.PROPOSED, ProjectStatus.IDENTIFICATION, ProjectStatus.SELECTION, ""):
            self.add_error("host_name", _("Cần nhập cơ quan chủ trì."))
        return data


class MemberForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    degree = forms.CharField(label=_("Học hàm, học vị"), max_length=60, required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    affiliation = forms.CharField(label=_("Cơ quan công tác"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


TeamFormSet = forms.formset_factory(MemberForm, extra=2, max_num=30)


def team_initial(project: Project) -> list[dict[str, Any]]:
    if not project.pk:
        return []
    return [{"name": m.name, "degree": m.degree, "role": m.role, "affiliation": m.affiliation}
            for m in project.members.all()]


def _council_rounds(user: Any, purpose: str):
    """Rounds still preparing, of councils for ``purpose`` the user manages."""
    from dost.councils.models import Round

    rounds = Round.objects.filter(status="preparing", council__purpose=purpose).select_related("council")
    scope = scope_for(user)
    if not scope.is_admin:
        rounds = rounds.filter(scope.q("council__organisation", WRITE_ROLES))
    return rounds.order_by("-council__year", "-id")


class DecisionFields(forms.Form):
    decision_number = forms.CharField(label=_("Số văn bản"), max_length=100, required=False)
    decision_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=_date_widget())
    decision_signer = forms.CharField(label=_("Người ký"), max_length=150, required=False)

    def decision(self) -> Decision | None:
        data = self.cleaned_data
        if not (data.get("decision_number") or "").strip():
            return None  # with a council chosen, the decision forming it is the document
        return Decision(number=(data.get("decision_number") or "").strip(), date=data.get("decision_date"),
                        signer=(data.get("decision_signer") or "").strip())


FIELD_BUILDERS = {
    "note": lambda t, p, u: forms.CharField(label=_("Ghi chú, lý do"), required=False,
                                            widget=forms.Textarea(attrs={"rows": 2})),
    "council_round": None,  # built per stage below
    "assignment_method": lambda t, p, u: forms.ChoiceField(
        label=_("Hình thức"), choices=[("", "—"), ("selection", _("Tuyển chọn")), ("direct", _("Giao trực tiếp"))],
        required=False),
    "host": lambda t, p, u: forms.ModelChoiceField(label=_("Cơ quan chủ trì"), queryset=_organisations(),
                                                   required=False, empty_label="—"),
    "host_name": lambda t, p, u: forms.CharField(label=_("Cơ quan chủ trì (nếu không có trong danh sách)"),
                                                 max_length=255, required=False),
    "principal_investigator": lambda t, p, u: forms.CharField(label=_("Chủ nhiệm nhiệm vụ"), max_length=150,
                                                              required=False),
    "pi_title": lambda t, p, u: forms.CharField(label=_("Học hàm, học vị"), max_length=60, required=False),
    "budget_state_vnd": lambda t, p, u: forms.IntegerField(label=_("Ngân sách SN KH&CN tỉnh (đồng)"), min_value=0,
                                                           required=False),
    "budget_other_vnd": lambda t, p, u: forms.IntegerField(label=_("Nguồn khác (đồng)"), min_value=0, required=False),
    "start_date": lambda t, p, u: forms.DateField(label=_("Bắt đầu"), required=False, widget=_date_widget()),
    "end_date": lambda t, p, u: forms.DateField(label=_("Kết thúc"), required=False, widget=_date_widget()),
    "requested_on": lambda t, p, u: forms.DateField(label=_("Ngày đề nghị gia hạn"), required=False,
                                                    widget=_date_widget()),
    "new_end": lambda t, p, u: forms.DateField(label=_("Kết thúc mới"), required=False, widget=_date_widget()),
    "dossier_on": lambda t, p, u: forms.DateField(label=_("Ngày nộp hồ sơ nghiệm thu"), required=False,
                                                  widget=_date_widget()),
    "rating_label": lambda t, p, u: forms.CharField(label=_("Xếp loại"), max_length=60, required=False),
    "recovery_required_vnd": lambda t, p, u: forms.IntegerField(label=_("Kinh phí phải thu hồi (đồng)"), min_value=0,
                                                                required=False),
    "amount_vnd": lambda t, p, u: forms.IntegerField(label=_("Số tiền đã nộp trả (đồng)"), min_value=0,
                                                     required=False),
    "recovered_on": lambda t, p, u: forms.DateField(label=_("Ngày nộp trả"), required=False, widget=_date_widget()),
    "check": lambda t, p, u: forms.ModelChoiceField(
        label=_("Đợt kiểm tra"), required=False, empty_label="—",
        queryset=ProgressCheck.objects.filter(project=p, done_on__isnull=True).order_by("due_date")),
    "done_on": lambda t, p, u: forms.DateField(label=_("Ngày kiểm tra"), required=False, widget=_date_widget()),
    "outcome": lambda t, p, u: forms.ChoiceField(label=_("Kết luận"), choices=[("", "—"), *CheckOutcome.choices],
                                                 required=False),
    "year": lambda t, p, u: forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False,
                                               initial=timezone.localdate().year),
    "place": lambda t, p, u: forms.CharField(label=_("Nơi ứng dụng, nhân rộng"), required=False,
                                             widget=forms.Textarea(attrs={"rows": 2})),
    "organisation": lambda t, p, u: forms.ModelChoiceField(label=_("Tổ chức tiếp nhận"), queryset=_organisations(),
                                                           required=False, empty_label="—"),
}


class TransitionForm(BootstrapMixin, DecisionFields):
    """The data of one move plus its decision document; the service does the rule checks."""

    def __init__(self, transition: Transition, project: Project, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        for name in transition.fields:
            if name == "council_round":
                from .services import COUNCIL_STAGES

                field = forms.ModelChoiceField(label=_("Phiên hội đồng"), required=False,
                                               empty_label=_("— Hội đồng họp ngoài hệ thống —"),
                                               queryset=_council_rounds(user, COUNCIL_STAGES[transition.action]),
                                               help_text=_("Để trống nếu hội đồng họp ngoài hệ thống; khi chọn, "
                                                           "quyết định thành lập hội đồng là văn bản của bước này."))
                field.label_from_instance = lambda r: f"{r.council.name} — {r.title}"
            else:
                field = FIELD_BUILDERS[name](transition, project, user)
            if name in transition.required:
                field.required = True
            self.fields[name] = field
        order = [*transition.fields, "decision_number", "decision_date", "decision_signer"]
        self.order_fields(order)
        self.fields["decision_number"].help_text = transition.decision_hint
        self._style()

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.transition.fields
                if self.cleaned_data.get(name) not in (None, "")}


class ScheduleCheckForm(BootstrapMixin, forms.Form):
    due_date = forms.DateField(label=_("Ngày kiểm tra"), widget=_date_widget())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CallRoundForm(BootstrapMixin, VersionedForm):
    class Meta:
        model = CallRound
        fields = ["organisation", "year", "title", "level", "notice", "opens_on", "closes_on", "note"]
        widgets = {"opens_on": _date_widget(), "closes_on": _date_widget(),
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _managing(user)
        self.fields["organisation"].label_from_instance = _with_parent
        self._style()


class ProposalForm(BootstrapMixin, VersionedForm):
    class Meta:
        model = Proposal
        fields = ["title", "proposer", "proposer_name", "level", "field", "kind", "objectives", "expected_results",
                  "duration_months", "budget_estimate_vnd", "received_on", "note"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "objectives": forms.Textarea(attrs={"rows": 3}),
                   "expected_results": forms.Textarea(attrs={"rows": 2}), "note": forms.Textarea(attrs={"rows": 2}),
                   "received_on": _date_widget()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposer"].queryset = _organisations()
        self._style()

    def clean(self):
        data = super().clean()
        if not data.get("proposer") and not (data.get("proposer_name") or "").strip():
            self.add_error("proposer_name", _("Cần nhập tổ chức, cá nhân đề xuất."))
        return data


class SendToCouncilForm(BootstrapMixin, DecisionFields):
    council_round = forms.ModelChoiceField(label=_("Phiên Hội đồng tư vấn xác định nhiệm vụ"), queryset=None,
                                           empty_label=_("— Chọn phiên hội đồng —"))
    proposals = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput, required=False)

    def __init__(self, call_round: CallRound, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council_round"].queryset = _council_rounds(user, "identification")
        self.fields["council_round"].label_from_instance = lambda r: f"{r.council.name} — {r.title}"
        self.fields["proposals"].queryset = call_round.proposals.all()
        self._style()

    def clean_proposals(self):
        chosen = self.cleaned_data.get("proposals")
        if not chosen:
            raise ValidationError(_("Hãy chọn ít nhất một đề xuất."))
        return chosen
