from __future__ import annotations

from rest_framework import serializers

from .models import LegalDocument, Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Organisation
        fields = [
            "id", "name", "short_name", "kind", "parent", "head_title", "valid_from", "valid_to", "successor",
            "aliases",
        ]


class LegalDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegalDocument
        fields = ["id", "kind", "number_symbol", "issued_on", "issuer", "issuer_name", "title", "version"]
        read_only_fields = ["version"]
