"""The error answers of the REST API, written into the OpenAPI document.

drf-spectacular documents only the success answer of each operation, so a client (and the schema-based tests,
``tests/test_api_schema.py``) could not know that every operation may also answer 403, that objects outside
the user's scope answer 404, or that a stale ``version`` answers 409. This post-processing hook adds those
answers with the bodies DRF really sends (through ``dost.core.api_base.exception_handler``):

- ``{"detail": "…"}`` for 403 (not signed in, no right), 404 (unknown id, out of scope, a page past the
  end), 409 (stale edit), 415 (a body that is not JSON/form data) and 429 (HTTP Basic while locked out);
- for 400, DRF's validation errors: an object of field → messages (or nested objects), or a plain list of
  messages (business rules raised as Django ``ValidationError``).

Codes an operation already documents itself are left alone.
"""

from __future__ import annotations

from typing import Any

DETAIL = "ErrorDetail"
VALIDATION = "ValidationErrors"
UNSAFE = {"post", "put", "patch", "delete"}


def _components() -> dict[str, dict[str, Any]]:
    return {
        DETAIL: {
            "type": "object",
            "description": "Lý do từ chối yêu cầu.",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
        VALIDATION: {
            "description": "Lỗi dữ liệu: mỗi trường kèm các thông báo, hoặc một danh sách thông báo.",
            "oneOf": [
                {"type": "object", "additionalProperties": {}},
                {"type": "array", "items": {"type": "string"}},
            ],
        },
    }


def _answer(component: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}},
    }


def document_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``: add the error answers every operation can give."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(_components())
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in {"get", "head", "options"} | UNSAFE:
                continue
            parameters = operation.get("parameters", [])
            has_path_id = "{" in path
            has_query = any(p.get("in") == "query" for p in parameters)
            has_page = any(p.get("in") == "query" and p.get("name") == "page" for p in parameters)
            has_body = "requestBody" in operation
            errors: dict[str, dict[str, Any]] = {
                "403": _answer(DETAIL, "Chưa đăng nhập, hoặc không có quyền."),
                "429": _answer(DETAIL, "Tài khoản tạm khóa vì đăng nhập sai quá nhiều lần."),
            }
            if has_query or has_body:
                errors["400"] = _answer(VALIDATION, "Dữ liệu hoặc tham số lọc không hợp lệ.")
            if has_path_id or has_page:
                errors["404"] = _answer(DETAIL, "Không tìm thấy (hoặc ngoài phạm vi của người dùng).")
            if method in UNSAFE and has_path_id:
                errors["409"] = _answer(DETAIL, "Bản ghi đã bị người khác sửa (phiên bản cũ).")
            if has_body:
                errors["415"] = _answer(DETAIL, "Kiểu nội dung không được hỗ trợ.")
            responses = operation.setdefault("responses", {})
            for code, answer in errors.items():
                responses.setdefault(code, answer)
    return result
