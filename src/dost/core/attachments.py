"""Who may download an attachment is decided by the record it is attached to.

Apps register a check per model (``register_viewer``); core never imports them. An attachment whose
model has no registered check is served to administrators only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_viewers: dict[type, Callable[[Any, Any], bool]] = {}


def register_viewer(model: type, check: Callable[[Any, Any], bool]) -> None:
    _viewers[model] = check


def can_download(user: Any, attachment: Any) -> bool:
    from .permissions import scope_for

    if scope_for(user).is_admin:
        return True
    target = attachment.target
    check = _viewers.get(type(target))
    return bool(target is not None and check is not None and check(user, target))
