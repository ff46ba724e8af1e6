# Two commands a teacher needs (see README.md):
#   make lab    create .venv, install the kit, open JupyterLab on the first lesson, with the
#               course folder (notebooks/, exercises/) in its file browser
#   make test   create/update .venv with the test extras and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: lab test test-browser install install-test exercises handout clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Jupyter refuses to run as root unless told to (containers and some lab machines run as root).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

# The server's root is the course folder, so students can open exercises/ from the file browser;
# the first lesson opens by itself. Lesson kernels still start in notebooks/ (a notebook's own folder).
lab: install
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir="$(CURDIR)" notebooks/00_start_here.ipynb

# In parallel (pytest-xdist, one worker per core); the browser tests share one worker and one server.
test: install-test
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

# Only the real-browser tests (JupyterLab in headless Chromium; needs Debian's chromium).
test-browser: install-test
	$(BIN)/python -m pytest tests/browser -m browser -v

# Regenerate exercises/ and solutions/ from the masters in src/medialit/exercises/masters/.
exercises: install
	$(BIN)/medialit build-exercises

# A printable HTML handout of a lesson, without code cells: make handout LESSON=notebooks/02_who_is_speaking.ipynb
handout: install
	$(BIN)/medialit handout $(LESSON)

clean:
	rm -rf $(VENV) handouts grades
