"""Posted forms -> the input models' data."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from directory.programme.messages import french_errors
from directory.programme.web.deps import Form


def form_data(form: Form, model: type[BaseModel], lists: set[str]) -> dict[str, Any]:
    """The model's fields found in the form: lists for `lists`, one value otherwise."""
    data: dict[str, Any] = {}
    for name in model.model_fields:
        if name in form:
            data[name] = form[name] if name in lists else form[name][0]
    return data


__all__ = ["form_data", "french_errors"]
