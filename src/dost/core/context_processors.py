from django.conf import settings

from .permissions import scope_for
from .status import Role


def dost(request):
    """Demo flag, and whether the user only submits dossiers (their navigation differs)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    roles = set(scope_for(user).paths_by_role) if signed_in else set()
    return {
        "can_read_audit_log": signed_in and scope_for(user).is_admin,  # the same cached scope: no query
        "DOST_DEMO": settings.DOST_DEMO,
        "is_applicant": Role.APPLICANT in roles,
        "applicant_only": roles == {Role.APPLICANT} and not getattr(user, "is_superuser", False),
    }
