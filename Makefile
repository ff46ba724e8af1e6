# Two commands a teacher needs (see README.md):
#   make lab    create .venv, install the kit, open JupyterLab on the first lesson, with the
#               course folder (notebooks/, exercises/) in its file browser
#   make test   create/update .venv with the test extras and run the whole test suite
PYTEST_ARGS ?=

include course.mk

.PHONY: test test-browser exercises handout verified clean hub hub-install

# In parallel (pytest-xdist, one worker per core); the browser tests share one worker and one server.
test: install-test
	$(BIN)/python -m pytest -n auto --dist loadgroup $(PYTEST_ARGS)

# Only the real-browser tests (JupyterLab in headless Chromium; needs Debian's chromium).
test-browser: install-test
	$(BIN)/python -m pytest tests/browser -m browser -v

# Regenerate exercises/ and solutions/ from the masters in src/medialit/exercises/masters/.
exercises: install
	$(BIN)/medialit build-exercises

# After changing a shipped key, word list, lesson or master: list it again as checked (data/schemas/verified.json).
verified: install
	$(BIN)/python -m medialit._verified

# A printable HTML handout of a lesson, without code cells: make handout LESSON=notebooks/02_who_is_speaking.ipynb
handout: install
	$(BIN)/medialit handout $(LESSON)

# --- A class on this machine: JupyterHub (deploy/hub/README.md) --------------------------------
# make hub   installs JupyterHub and nbgitpuller (the 'hub' extra) and the proxy (npm, into .hub/proxy),
#            then starts the hub on http://127.0.0.1:8000 (log in with any name); Ctrl-C stops it.
#            Everything it writes goes under .hub/ (git-ignored). make lab does not install any of it.
HUB_PROXY := .hub/proxy/node_modules/.bin/configurable-http-proxy

$(VENV)/.installed-hub: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[hub]'
	touch $@

$(HUB_PROXY): deploy/hub/package.json deploy/hub/package-lock.json
	@command -v npm >/dev/null || { echo "make hub needs Node.js and npm for the hub's proxy: https://nodejs.org"; exit 1; }
	mkdir -p .hub/proxy
	cp deploy/hub/package.json deploy/hub/package-lock.json .hub/proxy/
	npm ci --prefix .hub/proxy --no-audit --no-fund --loglevel=error
	touch $@

hub-install: $(VENV)/.installed-hub $(HUB_PROXY)

hub: hub-install
	$(BIN)/jupyterhub -f deploy/hub/jupyterhub_config.py

clean:
	rm -rf $(VENV) handouts grades
