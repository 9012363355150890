"""The log file a person can attach to a bug report.

Every module logs through ``logging.getLogger(__name__)`` (all under ``"widgets_llm"``);
unforeseen errors are logged with their traceback. :func:`start_log_file` sends those records
to a file in the runs folder (the studio does it when it starts), and :func:`log_file` tells
the unexpected-error message where that file is. Nothing is sent anywhere: the file stays on
this computer until the person chooses to share it.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import threading
from pathlib import Path

#: The log file's name inside the runs folder.
LOG_FILE_NAME = "widgets_llm.log"
#: Large enough for weeks of use, small enough to attach to a message (one backup is kept).
MAX_LOG_BYTES = 2 * 1024 * 1024
_FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

_lock = threading.Lock()
_handler: logging.Handler | None = None
_path: Path | None = None


def start_log_file(folder: str | os.PathLike, level: int = logging.INFO) -> Path:
    """Write the package's log records (INFO and above) to ``folder/widgets_llm.log``.

    Calling it again with another folder moves the log there; with the same folder it does
    nothing. Returns the file's path. The folder is created when missing.
    """
    global _handler, _path
    path = (Path(folder).expanduser() / LOG_FILE_NAME).resolve()
    with _lock:
        if _path == path and _handler is not None:
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=1, encoding="utf-8", delay=True
        )
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler.setLevel(level)
        package_logger = logging.getLogger("widgets_llm")
        if _handler is not None:
            package_logger.removeHandler(_handler)
            _handler.close()
        package_logger.addHandler(handler)
        if package_logger.level == logging.NOTSET or package_logger.level > level:
            package_logger.setLevel(level)
        _handler, _path = handler, path
    logging.getLogger(__name__).info("log file started")
    return path


def stop_log_file() -> None:
    """Stop writing the log file (tests; a studio that closes)."""
    global _handler, _path
    with _lock:
        if _handler is not None:
            logging.getLogger("widgets_llm").removeHandler(_handler)
            _handler.close()
        _handler, _path = None, None


def log_file() -> Path | None:
    """The log file being written, or None when there is none."""
    return _path
