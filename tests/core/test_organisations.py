import datetime

import pytest

from dost.core.services import find_organisation, rename_organisation
from tests.factories import OrganisationFactory


@pytest.mark.django_db
def test_records_keep_the_name_of_their_time():
    org = OrganisationFactory(name="Chi cục Tiêu chuẩn Đo lường Chất lượng")
    rename_organisation(org, "Chi cục Đo lường Chất lượng", datetime.date(2025, 7, 1))
    assert org.name_on(datetime.date(2024, 5, 1)) == "Chi cục Tiêu chuẩn Đo lường Chất lượng"
    assert org.name_on(datetime.date(2025, 8, 1)) == "Chi cục Đo lường Chất lượng"


@pytest.mark.django_db
def test_alias_finds_the_organisation():
    from dost.core.models import OrganisationAlias

    org = OrganisationFactory(name="Liên minh Hợp tác xã tỉnh Bắc Ninh")
    OrganisationAlias.objects.create(organisation=org, name="Liên minh HTX")
    assert find_organisation("liên minh htx") == org


@pytest.mark.django_db
def test_subtree_path_is_materialised():
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    assert child.path == f"/{parent.pk}/{child.pk}/"
