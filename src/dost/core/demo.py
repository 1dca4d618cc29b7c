"""Demo organisations and accounts (fictional people; real organisation names).

Bắc Giang merged into Bắc Ninh on 1 July 2025: each Bắc Giang body carries ``valid_to`` 30/06/2025 and a
successor in Bắc Ninh, so the merged Department's staff see the plans of their predecessors.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Membership, Organisation, OrganisationAlias
from .status import OrganisationKind as K
from .status import Role

DEMO_PASSWORD = "dost-demo-2026"  # nosec B105
MERGER_END = datetime.date(2025, 6, 30)
MERGER_START = datetime.date(2025, 7, 1)

# (key, name, short name, kind, head title, aliases)
DEPARTMENT_UNITS = [
    ("vp", "Văn phòng Sở", "VP", K.OFFICE, "Chánh Văn phòng", ["Văn phòng Sở KH&CN"]),
    ("khtc", "Phòng Kế hoạch – Tài chính", "Phòng KH-TC", K.DIVISION, "Trưởng phòng", ["Phòng Kế hoạch Tài chính"]),
    ("qlkh", "Phòng Quản lý Khoa học", "Phòng QLKH", K.DIVISION, "Trưởng phòng", []),
    ("qlcn", "Phòng Quản lý Công nghệ và Thị trường công nghệ", "Phòng QLCN", K.DIVISION, "Trưởng phòng",
     ["Phòng Quản lý công nghệ và Thị trường công nghệ"]),
    ("shtt", "Phòng Quản lý KH&CN cơ sở và Sở hữu trí tuệ", "Phòng QLKHCN cơ sở và SHTT", K.DIVISION, "Trưởng phòng",
     ["Phòng Quản lý KHCN cơ sở và sở hữu trí tuệ", "Phòng Quản lý KH&CN cơ sở và sở hữu trí tuệ"]),
    ("ttra", "Thanh tra Sở", "TTr", K.INSPECTORATE, "Chánh Thanh tra", []),
    ("tdc", "Chi cục Tiêu chuẩn Đo lường Chất lượng", "Chi cục TCĐLCL", K.SUB_DEPARTMENT, "Chi cục trưởng",
     ["Chi cục TĐC", "Chi cục TCDLCL"]),
    ("ttud", "Trung tâm Ứng dụng KH&CN", "TTƯD KH&CN", K.CENTRE, "Giám đốc Trung tâm",
     ["Trung tâm Ứng dụng Khoa học và Công nghệ"]),
]


def _org(name, kind, short="", parent=None, head="", aliases=(), valid_from=None, valid_to=None):
    org = Organisation.objects.filter(name=name, parent=parent).first()
    if org is None:
        org = Organisation(name=name, kind=kind, short_name=short, parent=parent, head_title=head,
                           valid_from=valid_from, valid_to=valid_to)
        org.save()
        for alias in aliases:
            OrganisationAlias.objects.get_or_create(organisation=org, name=alias)
        org.save()  # refresh search_text with the aliases
    return org


def _province(province: str, valid_from=None, valid_to=None) -> dict[str, Organisation]:
    orgs: dict[str, Organisation] = {}
    dates = {"valid_from": valid_from, "valid_to": valid_to}
    orgs["ubnd"] = _org(f"UBND tỉnh {province}", K.PEOPLES_COMMITTEE, f"UBND tỉnh {province}", None, "Chủ tịch",
                        [f"Ủy ban nhân dân tỉnh {province}"], **dates)
    orgs["hdnd"] = _org(f"HĐND tỉnh {province}", K.PEOPLES_COUNCIL, f"HĐND tỉnh {province}", None, "Chủ tịch",
                        [f"Hội đồng nhân dân tỉnh {province}"], **dates)
    orgs["so"] = _org(f"Sở Khoa học và Công nghệ tỉnh {province}", K.DEPARTMENT, f"Sở KH&CN {province}",
                      orgs["ubnd"], "Giám đốc", ["Sở KH&CN", "Sở Khoa học và Công nghệ", f"Sở KHCN {province}"], **dates)
    for key, name, short, kind, head, aliases in DEPARTMENT_UNITS:
        orgs[key] = _org(name, kind, short, orgs["so"], head, aliases, **dates)
    return orgs


@transaction.atomic
def seed_organisations() -> dict[str, dict[str, Organisation]]:
    bac_giang = _province("Bắc Giang", valid_to=MERGER_END)
    bac_ninh = _province("Bắc Ninh", valid_from=MERGER_START)
    for key, old in bac_giang.items():
        if old.successor_id is None:
            old.successor = bac_ninh[key]
            old.save()
    bac_giang["stp"] = _org("Sở Tư pháp tỉnh Bắc Giang", K.DEPARTMENT, "Sở Tư pháp", bac_giang["ubnd"], "Giám đốc",
                            valid_to=MERGER_END)
    bac_giang["skhdt"] = _org("Sở Kế hoạch và Đầu tư tỉnh Bắc Giang", K.DEPARTMENT, "Sở KH&ĐT", bac_giang["ubnd"],
                              "Giám đốc", ["Sở Kế hoạch và Đầu tư"], valid_to=MERGER_END)
    bac_ninh["bqlkcn"] = _org("Ban Quản lý các Khu công nghiệp tỉnh Bắc Ninh", K.DEPARTMENT, "Ban Quản lý các KCN",
                              bac_ninh["ubnd"], "Trưởng ban", ["Ban Quản lý các KCN tỉnh"])
    bac_ninh["lmhtx"] = _org("Liên minh Hợp tác xã tỉnh Bắc Ninh", K.ASSOCIATION, "Liên minh HTX", None,
                             "Chủ tịch", ["Liên minh HTX tỉnh"])
    hoa_binh = {
        "ubnd": _org("UBND tỉnh Hòa Bình", K.PEOPLES_COMMITTEE, "UBND tỉnh Hòa Bình", None, "Chủ tịch",
                     ["Ủy ban nhân dân tỉnh Hòa Bình"]),
    }
    hoa_binh["so"] = _org("Sở Khoa học và Công nghệ tỉnh Hòa Bình", K.DEPARTMENT, "Sở KH&CN Hòa Bình",
                          hoa_binh["ubnd"], "Giám đốc", ["Sở KH&CN"])
    hoa_binh["tdc"] = _org("Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Hòa Bình", K.SUB_DEPARTMENT,
                           "Chi cục TCĐLCL Hòa Bình", hoa_binh["so"], "Chi cục trưởng")
    hoa_binh["lmhtx"] = _org("Liên minh Hợp tác xã tỉnh Hòa Bình", K.ASSOCIATION, "Liên minh HTX Hòa Bình", None,
                             "Chủ tịch", ["Liên minh HTX"])
    hoa_binh["hhdn"] = _org("Hiệp hội Doanh nghiệp tỉnh Hòa Bình", K.ASSOCIATION, "Hiệp hội DN tỉnh Hòa Bình", None,
                            "Chủ tịch", ["Hiệp hội DN tỉnh"])
    return {"bac_giang": bac_giang, "bac_ninh": bac_ninh, "hoa_binh": hoa_binh}


# (username, full name, province key, org key, role, position, is head)
DEMO_USERS = [
    ("lanhdao", "Trần Minh Đức", "bac_ninh", "so", Role.LEADER, "Giám đốc", True),
    ("phogiamdoc", "Lê Thị Hoa", "bac_ninh", "so", Role.LEADER, "Phó Giám đốc", False),
    ("chuyenvien", "Nguyễn Thị Lan", "bac_ninh", "tdc", Role.OFFICER, "Chuyên viên", False),
    ("chuyenvien2", "Phạm Văn Hùng", "bac_ninh", "qlkh", Role.OFFICER, "Chuyên viên", False),
    ("lanhdaohb", "Hoàng Văn Sơn", "hoa_binh", "so", Role.LEADER, "Giám đốc", True),
    ("quantri", "Quản trị hệ thống", "bac_ninh", "so", Role.ADMIN, "Quản trị", False),
]


@transaction.atomic
def seed_users(orgs: dict[str, dict[str, Organisation]]) -> dict[str, object]:
    User = get_user_model()
    users = {}
    for username, full_name, province, key, role, position, is_head in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            # Vietnamese names read family name first: keep the whole name in first_name.
            user = User(username=username, first_name=full_name, last_name="", email=f"{username}@dost.local",
                        is_staff=role == Role.ADMIN, is_superuser=role == Role.ADMIN)
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user, organisation=orgs[province][key], role=role,
            defaults={"position": position, "is_head": is_head},
        )
        users[username] = user
    return users
