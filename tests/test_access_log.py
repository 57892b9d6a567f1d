"""No situation reaches a log: access-log lines are written without their query strings."""

from __future__ import annotations

import io
import logging
import logging.config
import time
import urllib.request
from collections.abc import Iterator

import pytest

from directory.app import create_app
from directory.config import Settings
from directory.logs import log_config
from directory.web.access_log import ACCESS_LOGGER, StripQueryStrings

from .conftest import FIXTURES, sync_folder
from .live_server import live_server

SECRET = "/conseiller?commune=Lod%C3%A8ve&age=68&besoin=dialyse"


def access_record(path: str) -> logging.LogRecord:
    """A record as uvicorn's HTTP protocols log it."""
    return logging.LogRecord(
        ACCESS_LOGGER,
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path, "1.1", 200),
        None,
    )


def test_filter_cuts_the_query_string_and_keeps_the_line() -> None:
    record = access_record(SECRET)
    assert StripQueryStrings().filter(record) is True
    assert record.getMessage() == '127.0.0.1:5000 - "GET /conseiller HTTP/1.1" 200'


def test_filter_also_cleans_a_preformatted_message() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, f'"GET {SECRET} HTTP/1.1" 200', None, None
    )
    StripQueryStrings().filter(record)
    assert record.getMessage() == '"GET /conseiller HTTP/1.1" 200'


def test_the_app_installs_the_filter_on_uvicorns_access_logger(settings: Settings) -> None:
    logger = logging.getLogger(ACCESS_LOGGER)
    for existing in [f for f in logger.filters if isinstance(f, StripQueryStrings)]:
        logger.removeFilter(existing)
    create_app(settings)
    create_app(settings)
    assert sum(isinstance(f, StripQueryStrings) for f in logger.filters) == 1


def test_serve_puts_the_filter_on_the_access_handler() -> None:
    config = log_config()
    assert "sans_requete" in config["handlers"]["access"]["filters"]
    assert "sans_requete" in config["handlers"]["default"]["filters"]
    stream = io.StringIO()
    config["handlers"]["access"]["stream"] = stream
    logging.config.dictConfig(config)
    logging.getLogger(ACCESS_LOGGER).handle(access_record(SECRET))
    assert "GET /conseiller HTTP/1.1" in stream.getvalue()
    assert "commune" not in stream.getvalue()


@pytest.fixture
def served(settings: Settings) -> Iterator[tuple[str, io.StringIO]]:
    """The real app behind a real uvicorn, logging as `directory serve` does."""
    sync_folder(settings, FIXTURES / "valid")
    stream = io.StringIO()
    config = log_config()
    config["handlers"]["access"]["stream"] = stream
    config["handlers"]["default"]["stream"] = io.StringIO()
    with live_server(create_app(settings), log_config=config, log_level="info") as base:
        yield base, stream


def test_a_real_request_leaves_no_situation_in_the_access_log(
    served: tuple[str, io.StringIO],
) -> None:
    base, stream = served
    with urllib.request.urlopen(base + SECRET, timeout=10) as response:
        assert response.status == 200
    deadline = time.monotonic() + 5
    while "GET /conseiller" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    logged = stream.getvalue()
    assert '"GET /conseiller HTTP/1.1" 200' in logged
    assert "commune" not in logged and "dialyse" not in logged and "?" not in logged
