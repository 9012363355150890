# Two commands do all set-up on a fresh machine:
#   make app    launch the dashboard on the bundled example data
#   make test   run every test
# Both create and reuse .venv; the CPU build of torch goes in first so that nothing
# pulls the multi-GB CUDA build.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TORCH_VERSION ?= 2.13.0
STAMP := $(VENV)/.installed

.PHONY: install app test demo clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "torch==$(TORCH_VERSION)"
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

app: install
	$(VENV)/bin/widgets-llm demo --output runs/demo

test: install
	HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1 \
	  $(PY) -m pytest -q tests

clean:
	rm -rf $(VENV) build *.egg-info
