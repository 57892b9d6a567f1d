"""How the running site logs: one line per event with time, level, logger and request id.

`LOG_FORMAT=json` writes JSON lines (for journald, Loki, any collector); `texte` writes the same
fields for a person reading a terminal. Every handler cuts query strings (a desk situation
travels in the URL, see web.access_log) and carries the id of the request being served, also
sent back as `X-Request-ID` (a proxy's own id is kept when it sends one).
"""

from __future__ import annotations

import re
from typing import Any

from directory.web.access_log import StripQueryStrings

REQUEST_ID_HEADER = "X-Request-ID"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"
JSON_FIELDS = "%(levelname)s %(name)s %(correlation_id)s %(message)s"
JSON_NAMES = {"levelname": "level", "name": "logger", "correlation_id": "request_id"}
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def valid_request_id(value: str) -> bool:
    """A proxy's request id (nginx's $request_id, Caddy's uuid…) is kept if it looks like one;
    anything else is replaced, so no one can write what they like into the logs."""
    return bool(_REQUEST_ID.fullmatch(value))


def log_config(log_format: str = "texte", level: str = "INFO") -> dict[str, Any]:
    """The logging set-up `directory serve` hands to uvicorn (logging.config.dictConfig)."""
    handler = {
        "class": "logging.StreamHandler",
        "formatter": log_format,
        "filters": ["request_id", "sans_requete"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {
                "()": "asgi_correlation_id.CorrelationIdFilter",
                "default_value": "-",
            },
            "sans_requete": {"()": StripQueryStrings},
        },
        "formatters": {
            "texte": {"format": TEXT_FORMAT, "datefmt": "%Y-%m-%dT%H:%M:%S%z"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": JSON_FIELDS,
                "rename_fields": JSON_NAMES,
                "timestamp": "time",
            },
        },
        "handlers": {"default": handler, "access": {**handler, "stream": "ext://sys.stdout"}},
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["access"], "level": level, "propagate": False},
        },
    }
