"""The log file a person can attach to a bug report, and the message that says where it is."""

from __future__ import annotations

import logging

import pytest

from widgets_llm import logs
from widgets_llm.errors import DataError, as_user_error
from widgets_llm.messages import t


@pytest.fixture
def log_folder(tmp_path):
    yield tmp_path / "runs"
    logs.stop_log_file()


def test_unforeseen_errors_go_to_the_log_file_with_their_traceback(log_folder):
    path = logs.start_log_file(log_folder)
    assert path == (log_folder / logs.LOG_FILE_NAME).resolve() and logs.log_file() == path
    try:
        {}["missing"]
    except KeyError:
        logging.getLogger("widgets_llm.engine.training").exception("listener failed")
    logging.getLogger("some.other.library").error("not ours")
    text = path.read_text(encoding="utf-8")
    assert "widgets_llm.engine.training: listener failed" in text
    assert "Traceback" in text and "KeyError: 'missing'" in text
    assert "not ours" not in text  # only the package's records


def test_the_unexpected_error_message_says_where_the_details_are(log_folder):
    assert logs.log_file() is None
    without_log = as_user_error(ValueError("boom"))
    assert "boom" in without_log.message() and ".log" not in without_log.suggestion()

    path = logs.start_log_file(log_folder)
    error = as_user_error(ValueError("boom"))
    assert "ValueError: boom" in error.message()
    assert str(path) in error.suggestion()
    assert error.suggestion() == t("error.unexpected.suggestion_log", log=str(path))
    foreseen = DataError("data.empty_file")
    assert as_user_error(foreseen) is foreseen  # the person's own problem keeps its own advice


def test_starting_twice_keeps_one_handler_and_a_new_folder_moves_the_log(log_folder, tmp_path):
    package_logger = logging.getLogger("widgets_llm")
    before = len(package_logger.handlers)
    first = logs.start_log_file(log_folder)
    assert logs.start_log_file(log_folder) == first
    assert len(package_logger.handlers) == before + 1
    second = logs.start_log_file(tmp_path / "otra")
    assert second != first and len(package_logger.handlers) == before + 1
    logging.getLogger("widgets_llm.widgets.studio").warning("moved")
    assert "moved" in second.read_text(encoding="utf-8")
    logs.stop_log_file()
    assert logs.log_file() is None and len(package_logger.handlers) == before
