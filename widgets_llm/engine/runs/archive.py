"""Moving runs between computers: a run folder packed into one ``.zip`` file, and back."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from ...errors import RunError
from .info import read_run_info
from .layout import CHECKPOINTS_DIR, RUN_INFO_FILE


def export_run_zip(
    run_dir: str | os.PathLike,
    zip_path: str | os.PathLike | None = None,
    *,
    include_checkpoints: bool = False,
) -> Path:
    """Pack a run folder into one ``.zip`` file, to copy it to another computer.

    Parameters
    ----------
    run_dir:
        The run folder.
    zip_path:
        Where to write the zip; default ``<run_dir>.zip`` beside the folder. Entries are
        stored under the run folder's name, so unzipping by hand gives the folder back.
    include_checkpoints:
        Also pack ``checkpoints/`` (only needed to resume training; often large).

    Returns
    -------
    Path
        The zip file.

    Raises
    ------
    RunError
        ``run_dir`` is not a run.
    """
    run_dir = Path(run_dir).resolve()
    read_run_info(run_dir)
    target = Path(zip_path) if zip_path is not None else run_dir.with_name(run_dir.name + ".zip")
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(
        prefix=".exporting-", suffix=".zip", dir=target.parent
    )
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for file in _run_files(run_dir, include_checkpoints):
                if file.resolve() in (target, temporary.resolve()):
                    continue
                archive.write(file, f"{run_dir.name}/{file.relative_to(run_dir).as_posix()}")
        temporary.replace(target)  # a half-written zip never takes the final name
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _run_files(run_dir: Path, include_checkpoints: bool) -> list[Path]:
    files = []
    for folder, subfolders, names in os.walk(run_dir, followlinks=False):
        relative = Path(folder).relative_to(run_dir)
        if not include_checkpoints and relative == Path("."):
            subfolders[:] = [name for name in subfolders if name != CHECKPOINTS_DIR]
        subfolders.sort()
        for name in sorted(names):
            file = Path(folder) / name
            if file.is_file() and not file.is_symlink():
                files.append(file)
    return files


def import_run_zip(zip_path: str | os.PathLike, dest_dir: str | os.PathLike) -> Path:
    """Unpack a run exported with :func:`export_run_zip` into ``dest_dir``; return the run folder.

    Every entry is checked before anything is written: absolute paths, ``..``, drive
    letters, backslashes and links are refused. The run is extracted into a temporary
    folder inside ``dest_dir`` and moved into place only when complete. An existing folder
    is never overwritten.

    Raises
    ------
    RunError
        A missing or damaged zip, a zip with no run, an unsafe entry, or a destination
        folder that already exists.
    """
    zip_path, dest_dir = Path(zip_path), Path(dest_dir)
    if not zip_path.is_file():
        raise RunError("runs.missing_zip", path=str(zip_path))
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RunError("runs.not_a_zip", path=str(zip_path)) from exc
    with archive:
        members = archive.infolist()
        for member in members:
            _check_member(member)
        root = _run_root(members, zip_path)
        target = dest_dir / (root or zip_path.stem)
        if target.exists():
            raise RunError("runs.import_exists", path=str(target))
        dest_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".importing-", dir=dest_dir))
        try:
            prefix = f"{root}/" if root else ""
            for member in members:
                if member.filename.startswith(prefix) and not member.is_dir():
                    _extract(archive, member, staging / member.filename[len(prefix) :])
            read_run_info(staging)
            staging.replace(target)
        except zipfile.BadZipFile as exc:
            raise RunError("runs.not_a_zip", path=str(zip_path)) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def _check_member(member: zipfile.ZipInfo) -> None:
    name = member.filename
    path = PurePosixPath(name)
    is_link = (member.external_attr >> 16) & 0o170000 == 0o120000
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or ".." in path.parts
        or (len(name) > 1 and name[1] == ":")
        or is_link
    ):
        raise RunError("runs.unsafe_zip", entry=name)


def _run_root(members: list[zipfile.ZipInfo], zip_path: Path) -> str:
    """The folder inside the zip that holds run.json ("" when it lies at the top)."""
    candidates = [
        PurePosixPath(m.filename)
        for m in members
        if PurePosixPath(m.filename).name == RUN_INFO_FILE
    ]
    candidates = [c for c in candidates if len(c.parts) <= 2]
    if not candidates:
        raise RunError("runs.zip_not_a_run", path=str(zip_path))
    shallowest = min(candidates, key=lambda c: len(c.parts))
    return shallowest.parts[0] if len(shallowest.parts) == 2 else ""


def _extract(archive: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with archive.open(member) as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target, length=1 << 20)
