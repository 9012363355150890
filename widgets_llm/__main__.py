"""``python -m widgets_llm``: the command line, as ``widgets-llm`` (so ``torchrun -m widgets_llm
train --config recipe.yaml`` and ``accelerate launch -m widgets_llm ...`` work too)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
