"""The learner's own data in the course: choose it in one notebook, find it again in the next.

Each notebook runs in its own kernel, so the choice cannot live in memory only. It is kept in
a small JSON file in the notebook's working folder (:data:`STATE_FILE`): where the learner's
file is, which columns were used, how it was cleaned and split, and the token lengths chosen in
notebook 2. Never a copy of the learner's texts: they stay in the learner's own file, which is
only read, never written.

- :func:`use_own_data` and :func:`use_example_data` choose the data; :func:`course_data`
  returns it (the example when nothing was chosen or the file is gone, saying why).
- :func:`remember_lengths` and :func:`course_lengths`: the maximum input and summary lengths
  (in tokens) notebook 2 chose, which notebook 3 trains with.
- :func:`describe_course_data`: which data and lengths a notebook is about to use, in words.
- :func:`expected_format`: the file format as a small table; :func:`accepted_columns`: the
  column names and formats accepted and how many pairs are needed (:data:`RECOMMENDED_PAIRS`).

Nothing here raises at a learner: a missing file, a file that cannot be read or a wrong length
becomes a plain message, and the course goes on with the example.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import os
import sys
from pathlib import Path
from typing import Any

from ..errors import as_user_error
from ..messages import t
from ._common import Message, _frame, _number
from .samples import EXAMPLE, example_data

#: The file, in the notebook's working folder, where the choice is remembered between notebooks.
STATE_FILE = "mis_datos_del_curso.json"
#: Version of the state file's layout, so that a later layout can tell an old file apart.
STATE_VERSION = 1


def _engine_thresholds() -> tuple[int, int, int]:
    from ..engine.data import MIN_PAIRS as minimum
    from ..engine.data import RECOMMENDED_TEST_PAIRS, RECOMMENDED_TRAIN_PAIRS

    return minimum, RECOMMENDED_TRAIN_PAIRS, RECOMMENDED_TEST_PAIRS


#: Pairs to aim for: the engine warns below 50 training and 10 test pairs, and the default split
#: keeps 80 % for training and 10 % for the test, so about 63 pairs avoid both warnings; the
#: course rounds up to a number that is easy to remember.
RECOMMENDED_PAIRS = 100

# In this kernel: the data already loaded (so a notebook does not re-read the file at every
# call) and data given as a PreparedData with no file behind it (an upload through a widget).
_loaded: dict[str, Any] = {"key": None, "data": None}
_in_memory: dict[str, Any] = {"data": None}


# ---------------------------------------------------------------- the state file


def _state_path() -> Path:
    return Path.cwd() / STATE_FILE


def _empty_state() -> dict[str, Any]:
    return {
        "version": STATE_VERSION,
        "source": None,
        "name": None,
        "text_column": None,
        "summary_column": None,
        "cleaning": None,
        "split": None,
        "max_input_length": None,
        "max_target_length": None,
    }


def _read_state() -> dict[str, Any]:
    """The remembered choice; an absent or unreadable file means "the example, no lengths"."""
    state = _empty_state()
    try:
        stored = json.loads(_state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return state
    if isinstance(stored, dict):
        state.update({key: stored.get(key) for key in state if key in stored})
    return state


def _write_state(state: dict[str, Any]) -> str | None:
    """Write the state file; return the reason it could not be written, or ``None``."""
    try:
        _state_path().write_text(
            json.dumps(state, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    except OSError as error:
        return str(error)
    return None


# ---------------------------------------------------------------- loading


def _example() -> Any:
    return example_data()


def _options(kind: str, values: Any) -> Any:
    """Cleaning or split options as remembered; the defaults when they cannot be rebuilt."""
    from ..engine.data import CleaningOptions, SplitOptions

    cls = CleaningOptions if kind == "cleaning" else SplitOptions
    if not isinstance(values, dict):
        return None
    try:
        return cls(**values)
    except (TypeError, ValueError):
        return None


def _as_dict(options: Any) -> dict[str, Any] | None:
    return dataclasses.asdict(options) if dataclasses.is_dataclass(options) else None


def _find_file(state: dict[str, Any]) -> Path | None:
    """The remembered file: where it was, or (moved along with the notebooks) by its name here."""
    source = state.get("source")
    if not source:
        return None
    path = Path(source).expanduser()
    if path.is_file():
        return path
    nearby = Path.cwd() / path.name
    return nearby if nearby.is_file() else None


_READ_AS = ("text_column", "summary_column", "cleaning", "split")


def _cache_key(path: Path, state: dict[str, Any]) -> str:
    stat = path.stat()
    how = {name: state.get(name) for name in _READ_AS}
    return json.dumps([str(path.resolve()), stat.st_size, stat.st_mtime_ns, how], default=str)


def _load_file(path: Path, state: dict[str, Any]):
    """Read the learner's file as the state says (same columns and options), memoized by the
    file's size and modification time so an edited file is read again."""
    from ..engine.data import load_pairs

    key = _cache_key(path, state)
    if _loaded["key"] == key:
        return _loaded["data"]
    options = {
        "cleaning": _options("cleaning", state.get("cleaning")),
        "split": _options("split", state.get("split")),
    }
    try:
        data = load_pairs(
            path,
            text_column=state.get("text_column"),
            summary_column=state.get("summary_column"),
            **options,
        )
    except Exception:  # noqa: BLE001 - the columns may have been renamed: detect them again
        data = load_pairs(path, **options)
    _loaded.update(key=key, data=data)
    return data


def _problem(error: BaseException) -> str:
    user_error = as_user_error(error)
    text = user_error.message()
    suggestion = user_error.suggestion()
    return f"{text} {suggestion}".strip()


def _sizes_text(data: Any) -> str:
    sizes = data.sizes
    return t(
        "course.own_data.sizes",
        total=_number(sum(sizes.values()), 0),
        train=_number(sizes["train"], 0),
        validation=_number(sizes["validation"], 0),
        test=_number(sizes["test"], 0),
    )


def _source_name(data: Any) -> str:
    return str(getattr(data.table, "source_name", "") or t("course.own_data.unnamed"))


# ---------------------------------------------------------------- choosing the data


def use_own_data(source: Any) -> Message:
    """Use the learner's own pairs in this notebook and the next ones.

    Parameters
    ----------
    source:
        A path to a file :func:`widgets_llm.engine.data.load_pairs` reads (CSV, TSV, JSON,
        JSON Lines, Parquet, Excel), or a ``PreparedData`` already loaded (from the uploader
        widget or ``engine.load_pairs``). ``None`` (the uploader before anything was prepared)
        changes nothing and says so.

    Returns
    -------
    Message
        What was read (file, columns, pairs per split, the engine's warnings) and that it is
        remembered; or, when the file is missing or cannot be read, why, and that the course
        goes on with the data it was using.
    """
    from ..engine.data import PreparedData

    previous = _read_state()
    if source is None:
        # What the uploader widget holds before «Preparar datos» was pressed: nothing to switch to.
        return Message(
            "\n".join([t("course.own_data.nothing_prepared"), _still_using(previous)])
        )
    if isinstance(source, PreparedData):
        if source.table.source_name == EXAMPLE:
            return use_example_data()
        return _use_prepared(source, previous)
    if not isinstance(source, (str, os.PathLike)):
        return Message(t("course.own_data.not_a_file", kind=type(source).__name__))
    path = Path(source).expanduser()
    if not path.is_file():
        return Message(
            "\n".join(
                [
                    t("course.own_data.missing", path=os.fspath(source), folder=Path.cwd()),
                    _still_using(previous),
                ]
            )
        )
    try:
        data = _load_file(path, {})
    except Exception as error:  # noqa: BLE001 - shown as a plain message: the notebook goes on
        return Message(
            "\n".join(
                [
                    t("course.own_data.unreadable", name=path.name, problem=_problem(error)),
                    _still_using(previous),
                ]
            )
        )
    state = _empty_state()
    state.update(
        source=str(path.resolve()),
        name=path.name,
        text_column=data.text_column,
        summary_column=data.summary_column,
        cleaning=_as_dict(data.cleaning_options),
        split=_as_dict(data.split_options),
    )
    _in_memory["data"] = None
    # Read once: later calls read it as the state says, which is how it was just read.
    _loaded.update(key=_cache_key(path, state), data=data)
    return _chosen(data, state, previous)


def _use_prepared(data: Any, previous: dict[str, Any]) -> Message:
    path = getattr(data.table, "path", None)
    state = _empty_state()
    state.update(
        name=_source_name(data),
        text_column=data.text_column,
        summary_column=data.summary_column,
        cleaning=_as_dict(data.cleaning_options),
        split=_as_dict(data.split_options),
    )
    if path and Path(path).is_file():
        state["source"] = str(Path(path).resolve())
        _in_memory["data"] = None
        _loaded.update(key=_cache_key(Path(path), state), data=data)
    else:
        # An upload through the widget has no file on disk: it can be used here, but the next
        # notebook (another kernel) will have to be given the file again.
        _in_memory["data"] = data
    return _chosen(data, state, previous)


def _same_source(state: dict[str, Any], previous: dict[str, Any]) -> bool:
    return state.get("source") == previous.get("source") and state.get("name") == previous.get(
        "name"
    )


def _chosen(data: Any, state: dict[str, Any], previous: dict[str, Any]) -> Message:
    lines = [
        t(
            "course.own_data.read",
            name=state["name"],
            rows=_number(data.table.rows_read, 0),
            text=data.text_column,
            summary=data.summary_column,
        ),
        _sizes_text(data),
    ]
    lines += [f"⚠ {warning}" for warning in data.warnings]
    had_lengths = previous.get("max_input_length") is not None
    if _same_source(state, previous) and had_lengths:
        # The same file again: the lengths measured on it still hold.
        state["max_input_length"] = previous["max_input_length"]
        state["max_target_length"] = previous["max_target_length"]
    elif had_lengths:
        lines.append(t("course.own_data.lengths_forgotten"))
    lines.append(_remembered_line(state))
    if state["source"] is None:
        lines.append(t("course.own_data.upload_not_kept"))
    return Message("\n".join(lines))


def _remembered_line(state: dict[str, Any]) -> str:
    problem = _write_state(state)
    if problem is not None:
        return t("course.own_data.not_remembered", problem=problem)
    return t("course.own_data.remembered", file=STATE_FILE)


def use_example_data() -> Message:
    """Go back to the course's example data (and forget lengths measured on other data)."""
    previous = _read_state()
    state = _empty_state()
    if previous.get("source") is None and previous.get("name") is None:
        state["max_input_length"] = previous.get("max_input_length")
        state["max_target_length"] = previous.get("max_target_length")
    _in_memory["data"] = None
    _loaded.update(key=None, data=None)
    data = _example()
    lines = [t("course.own_data.example", name=EXAMPLE), _sizes_text(data)]
    if previous.get("max_input_length") is not None and state["max_input_length"] is None:
        lines.append(t("course.own_data.lengths_forgotten"))
    lines.append(_remembered_line(state))
    return Message("\n".join(lines))


def _still_using(state: dict[str, Any]) -> str:
    if state.get("source") or state.get("name"):
        return t("course.own_data.still_own", name=state.get("name"))
    return t("course.own_data.still_example", name=EXAMPLE)


# ---------------------------------------------------------------- lengths


def _as_count(value: Any) -> int | None:
    """A length as a whole positive number (numpy integers and ``256.0`` included), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = operator.index(value)
    except TypeError:
        return None
    return number if number > 0 else None


def _is_count(value: Any) -> bool:
    return _as_count(value) is not None


def remember_lengths(max_input_length: int, max_target_length: int) -> Message:
    """Remember the maximum lengths in tokens (text and summary) for the next notebooks.

    Notebook 2 measures them (cutting at most 5 % of the texts); notebook 3 trains with them.
    Lengths that are not whole positive numbers are refused with a message, never an error.
    """
    values = {
        "max_input_length": _as_count(max_input_length),
        "max_target_length": _as_count(max_target_length),
    }
    if None in values.values():
        return Message(
            t(
                "course.own_data.bad_lengths",
                input=max_input_length,
                target=max_target_length,
            )
        )
    state = _read_state()
    state.update(values)
    problem = _write_state(state)
    if problem is not None:
        return Message(t("course.own_data.not_remembered", problem=problem))
    return Message(
        t(
            "course.own_data.lengths_remembered",
            input=_number(values["max_input_length"], 0),
            target=_number(values["max_target_length"], 0),
            data=_data_name(state),
            file=STATE_FILE,
        )
    )


def course_lengths() -> tuple[int, int] | None:
    """The remembered ``(max_input_length, max_target_length)``, or ``None`` if none were."""
    state = _read_state()
    lengths = (state.get("max_input_length"), state.get("max_target_length"))
    return lengths if all(_is_count(value) for value in lengths) else None  # type: ignore


# ---------------------------------------------------------------- reading the choice back


def _data_name(state: dict[str, Any]) -> str:
    return state.get("name") or EXAMPLE


def _own(state: dict[str, Any]) -> tuple[Any, str | None]:
    """The learner's data as remembered, or ``(None, why not)``; ``(None, None)``: no choice."""
    uploaded = _in_memory["data"]
    # Data with no file behind it counts while the state still names it (another notebook may
    # have chosen other data since).
    if uploaded is not None and not state.get("source") and state.get("name") == _source_name(
        uploaded
    ):
        return uploaded, None
    if not state.get("source"):
        if state.get("name"):
            return None, t("course.own_data.upload_gone", name=state["name"])
        return None, None
    path = _find_file(state)
    if path is None:
        return None, t("course.own_data.moved", path=state["source"], folder=Path.cwd())
    try:
        return _load_file(path, state), None
    except Exception as error:  # noqa: BLE001 - shown as a plain message: the notebook goes on
        return None, t("course.own_data.unreadable", name=path.name, problem=_problem(error))


def course_data():
    """The data the course uses now: the learner's, if chosen and still there, else the example.

    When the remembered file is missing, moved or no longer readable, it prints why and
    returns the example, so the notebook goes on.

    Returns
    -------
    PreparedData
    """
    data, problem = _own(_read_state())
    if data is not None:
        return data
    if problem:
        print(problem)
        print(t("course.own_data.still_example", name=EXAMPLE))
    return _example()


def using_own_data() -> bool:
    """Whether :func:`course_data` returns the learner's data (chosen and still readable)."""
    data, _ = _own(_read_state())
    return data is not None


def describe_course_data() -> Message:
    """Which data and which token lengths this notebook will use, in words."""
    state = _read_state()
    data, problem = _own(state)
    lines = [problem] if problem else []
    if data is not None:
        lines.append(t("course.own_data.using_own", name=_source_name(data)))
    else:
        data = _example()
        lines.append(t("course.own_data.using_example", name=EXAMPLE))
    lines.append(_sizes_text(data))
    lengths = course_lengths()
    if lengths is None:
        lines.append(t("course.own_data.no_lengths"))
    else:
        lines.append(
            t(
                "course.own_data.using_lengths",
                input=_number(lengths[0], 0),
                target=_number(lengths[1], 0),
            )
        )
    return Message("\n".join(lines))


# ---------------------------------------------------------------- the expected format


def expected_format():
    """The file format the course expects, as a small pandas table (two example pairs).

    One row per pair, a ``texto`` column and a ``resumen`` column. Other names are accepted
    too (the engine's :data:`~widgets_llm.engine.data.TEXT_COLUMN_NAMES` and
    :data:`~widgets_llm.engine.data.SUMMARY_COLUMN_NAMES`): :func:`accepted_columns` lists them.
    """
    return _frame(
        [
            {
                "texto": t("course.own_data.format.text1"),
                "resumen": t("course.own_data.format.summary1"),
            },
            {
                "texto": t("course.own_data.format.text2"),
                "resumen": t("course.own_data.format.summary2"),
            },
        ]
    )


def accepted_columns() -> Message:
    """Which column names are recognized as the text and as the summary, and the pair counts."""
    from ..engine.data import SUMMARY_COLUMN_NAMES, SUPPORTED_FORMATS_TEXT, TEXT_COLUMN_NAMES

    minimum, train, test = _engine_thresholds()
    return Message(
        t(
            "course.own_data.columns",
            text=", ".join(TEXT_COLUMN_NAMES),
            summary=", ".join(SUMMARY_COLUMN_NAMES),
            formats=SUPPORTED_FORMATS_TEXT,
            minimum=minimum,
            train=train,
            test=test,
            recommended=RECOMMENDED_PAIRS,
        )
    )


# ---------------------------------------------------------------- uploading in Colab


def upload_in_colab() -> Message:
    """In Google Colab, open the browser's file picker and use the chosen file as the data.

    Colab's ``files.upload()`` saves the file in the session's folder (``/content``), so the
    choice is remembered like any file; the file lives on Google's machine until the session
    ends. Outside Colab nothing is uploaded: the answer says how to give a file there.
    """
    if "google.colab" not in sys.modules:
        return Message(t("course.own_data.not_colab"))
    from google.colab import files  # type: ignore[import-not-found]

    uploaded = files.upload()
    if not uploaded:
        return Message(t("course.own_data.nothing_uploaded"))
    name = next(iter(uploaded))
    if not Path(name).is_file():  # an older Colab only returned the bytes
        Path(name).write_bytes(uploaded[name])
    return use_own_data(name)
