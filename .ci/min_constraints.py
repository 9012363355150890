"""Print pip constraints that pin each install_requires of setup.cfg to its lower bound.

``name>=X`` (with or without an upper bound such as ``,<9``) becomes ``name==X``, so
``pip install -c`` of the output installs the oldest versions the package declares it supports;
``make test-min`` then runs the engine tests on them. Requirements without a ``>=`` bound are
left out (pip resolves them freely), and so is each name given with ``--skip`` (torch: only
its CPU build can be installed, see the Makefile).

    python .ci/min_constraints.py [--skip NAME ...] [setup.cfg] > constraints.txt
"""

from __future__ import annotations

import configparser
import re
import sys
from pathlib import Path

LOWER_BOUND = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*?)\s*(;.*)?$")


def minimum_pins(setup_cfg: Path, skip: set[str] = frozenset()) -> list[str]:
    parser = configparser.ConfigParser(comment_prefixes=("#", ";"), inline_comment_prefixes=None)
    parser.read(setup_cfg, encoding="utf-8")
    pins = []
    for line in parser.get("options", "install_requires").splitlines():
        line = line.split("#", 1)[0].strip()
        match = LOWER_BOUND.match(line) if line else None
        if not match:
            continue
        name, _extras, spec, marker = match.groups()
        if name.lower().replace("_", "-") in skip:
            continue
        for clause in spec.split(","):
            clause = clause.strip()
            if clause.startswith(">=") and not clause.startswith(">=="):
                pins.append(f"{name}=={clause[2:].strip()}{' ' + marker if marker else ''}")
    return pins


def main(argv: list[str]) -> int:
    skip: set[str] = set()
    paths: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--skip":
            skip.add(next(args).lower().replace("_", "-"))
        else:
            paths.append(arg)
    setup_cfg = Path(paths[0]) if paths else Path(__file__).resolve().parent.parent / "setup.cfg"
    print("\n".join(minimum_pins(setup_cfg, skip)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
