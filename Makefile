# Two commands do all set-up on a fresh machine:
#   make app    launch the dashboard on the bundled example data
#   make test   run every test
# Both create and reuse .venv; the CPU build of torch goes in first so that nothing
# pulls the multi-GB CUDA build. `make test` also installs Debian's Chromium (`make browser`)
# for the browser tests; Playwright drives it and never downloads a browser of its own.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TORCH_VERSION ?= 2.13.0
STAMP := $(VENV)/.installed
# Google Colab runs ipywidgets 7.7: a thin second environment layered over .venv swaps in
# ipywidgets 7 (and the bqplot that supports it) so the widget tests run under both majors.
VENV7 := .venv-ipywidgets7
STAMP7 := $(VENV7)/.installed
# The browser tests drive this system Chromium (apt package `chromium`, about 25 s to install).
CHROMIUM := /usr/bin/chromium
# apt-get needs root: use sudo when not root and sudo exists.
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo)
OFFLINE := HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1

.PHONY: install app demo lint test test-ipywidgets7 test-min browser clean

install: $(STAMP)

$(STAMP): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q "torch==$(TORCH_VERSION)"
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

$(STAMP7): $(STAMP)
	test -x $(VENV7)/bin/python || $(PYTHON) -m venv $(VENV7)
	base=$$($(PY) -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"); \
	own=$$($(VENV7)/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"); \
	echo "import site; site.addsitedir('$$base')" > $$own/zz_widgets_llm_base.pth
	$(VENV7)/bin/python -m pip install -q "ipywidgets==7.7.*" "bqplot==0.12.*"
	touch $(STAMP7)

browser:
	@test -x $(CHROMIUM) || { \
	  echo "Installing Chromium for the browser tests (apt-get)..."; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

# The studio in Voilà, on this computer only (127.0.0.1), at APP_PORT or the next free port.
# Voilà serves dashboards/ (its voila.json: sources hidden, no tracebacks, idle kernels culled,
# and the package's "widgets_llm" template, found through JUPYTER_PATH: nothing from a CDN);
# the studio's file chooser sees only dashboards/data, where a copy of the bundled example goes.
APP_PORT ?= 8866
EXAMPLE_DATA := widgets_llm/data/ejemplo_es/ejemplo_es.jsonl

app: install
	@mkdir -p dashboards/data
	@test -e dashboards/data/ejemplo_es.jsonl || cp $(EXAMPLE_DATA) dashboards/data/ejemplo_es.jsonl
	@port=$$($(PY) -c "import socket; free=lambda p: socket.socket().connect_ex(('127.0.0.1', p)) != 0; print(next(p for p in range($(APP_PORT), $(APP_PORT) + 100) if free(p)))"); \
	echo ""; \
	echo "  Estudio:  http://127.0.0.1:$$port/voila/render/estudio.ipynb"; \
	echo "  Resumir:  http://127.0.0.1:$$port/voila/render/resumir.ipynb"; \
	echo "  Abre la primera dirección en tu navegador. Ctrl+C para terminar."; \
	echo ""; \
	cd dashboards && HF_HUB_DISABLE_TELEMETRY=1 JUPYTER_PATH="$(CURDIR)/widgets_llm/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	  exec ../$(VENV)/bin/voila . --no-browser --Voila.ip=127.0.0.1 --port=$$port

# The same path headless: train on the example with the offline model and print base vs tuned.
demo: install
	$(VENV)/bin/widgets-llm demo --output runs/demo

# Lint first (seconds): ruff with the configuration in pyproject.toml (100-character lines).
lint: install
	$(VENV)/bin/ruff check .

test: install $(STAMP7) browser lint
	$(OFFLINE) $(PY) -m pytest -q tests
	$(MAKE) --no-print-directory test-ipywidgets7

test-ipywidgets7: $(STAMP7)
	@set -e; files=$$(ls tests/test_widget_*.py tests/test_studio.py tests/test_notebooks.py 2>/dev/null || true); \
	if [ -n "$$files" ]; then \
	  echo "Widget tests under ipywidgets 7 (Google Colab's major):"; \
	  $(OFFLINE) $(VENV7)/bin/python -m pytest -q -p no:cacheprovider $$files; \
	else echo "no widget tests yet"; fi

# The engine tests on the oldest releases setup.cfg accepts: a separate .venv-min where each
# install_requires `name>=X` is pinned to `name==X` (.ci/min_constraints.py writes the pins).
# torch is the exception: only the CPU build of $(TORCH_VERSION) comes from local disk, so it goes
# in first, unpinned to its minimum (setup.cfg says how that minimum was found). pytest and
# pytest-timeout are the only test tools needed here; the widget and browser tests stay in `make test`.
VENVMIN := .venv-min
STAMPMIN := $(VENVMIN)/.installed
ENGINE_TESTS := tests/test_config.py tests/test_data.py tests/test_training.py tests/test_evaluation.py \
  tests/test_generation.py tests/test_runs.py tests/test_models.py tests/test_scoring.py \
  tests/test_tokens.py tests/test_lease.py tests/test_warmup.py

$(STAMPMIN): setup.cfg pyproject.toml .ci/min_constraints.py
	test -x $(VENVMIN)/bin/python || $(PYTHON) -m venv $(VENVMIN)
	$(VENVMIN)/bin/python -m pip install -q --upgrade pip
	$(VENVMIN)/bin/python -m pip install -q "torch==$(TORCH_VERSION)"
	$(PYTHON) .ci/min_constraints.py --skip torch setup.cfg > $(VENVMIN)/constraints.txt
	$(VENVMIN)/bin/python -m pip install -q -c $(VENVMIN)/constraints.txt -e . "pytest>=7" "pytest-timeout>=2"
	touch $(STAMPMIN)

test-min: $(STAMPMIN)
	@echo "Engine tests on the minimum versions ($(VENVMIN)/constraints.txt, torch $(TORCH_VERSION)):"
	$(OFFLINE) $(VENVMIN)/bin/python -m pytest -q -p no:cacheprovider $(ENGINE_TESTS)

clean:
	rm -rf $(VENV) $(VENV7) $(VENVMIN) build *.egg-info
