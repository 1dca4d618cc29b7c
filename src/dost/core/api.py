from __future__ import annotations

from rest_framework import mixins, permissions, viewsets

from .api_base import AuditedViewSetMixin
from .filtersets import LegalDocumentFilterSet, OrganisationFilterSet
from .models import LegalDocument, Organisation
from .permissions import WRITE_ROLES, scope_for
from .serializers import LegalDocumentSerializer, OrganisationSerializer


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations are reference data: every signed-in user may read them."""

    queryset = Organisation.objects.prefetch_related("aliases").order_by("path")
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet


class CanWriteReferenceData(permissions.BasePermission):
    message = "Chỉ chuyên viên, lãnh đạo hoặc quản trị được thêm, sửa văn bản."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        scope = scope_for(request.user)
        return scope.is_admin or bool(scope.paths(WRITE_ROLES))


class LegalDocumentViewSet(AuditedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = LegalDocument.objects.order_by("-issued_on", "id")
    serializer_class = LegalDocumentSerializer
    filterset_class = LegalDocumentFilterSet
    permission_classes = [permissions.IsAuthenticated, CanWriteReferenceData]
