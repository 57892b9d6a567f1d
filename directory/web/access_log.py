"""Keep people's situations out of the logs: access-log lines lose their query strings.

The desk's situation travels in the URL (`/conseiller?commune=…&age=…`), and uvicorn's access
log prints full URLs. `StripQueryStrings` cuts every logged path at its « ? ». The app installs
it on uvicorn's access logger; `directory serve` also puts it on every handler (see logs).
"""

from __future__ import annotations

import logging
import re

ACCESS_LOGGER = "uvicorn.access"
_QUERY_IN_TEXT = re.compile(r"(/[^\s?\"]*)\?[^\s\"]*")


def without_query(value: object) -> object:
    """'/conseiller?commune=Lodève' -> '/conseiller'; anything else unchanged."""
    if isinstance(value, str) and "?" in value and value.startswith("/"):
        return value.split("?", 1)[0]
    return value


class StripQueryStrings(logging.Filter):
    """Removes query strings from a record's arguments and message; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(without_query(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: without_query(arg) for key, arg in record.args.items()}
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = _QUERY_IN_TEXT.sub(r"\1", record.msg)
        return True


def install_access_log_filter(name: str = ACCESS_LOGGER) -> None:
    """Once per logger, whoever runs the app (uvicorn, gunicorn with uvicorn workers…)."""
    logger = logging.getLogger(name)
    if not any(isinstance(f, StripQueryStrings) for f in logger.filters):
        logger.addFilter(StripQueryStrings())
