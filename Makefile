# The course's two commands:  make lab  (JupyterLab on lessons/)  and  make test  (the whole test suite);
# make site builds the reading site.
# Each sets up a local virtual environment (.venv) first if it is missing or older than pyproject.toml.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install lessons site clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	cp .jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@touch $(STAMP)

lab: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.root_dir=lessons $(ROOT_FLAG) $(LAB_ARGS)

# the test files run on TEST_WORKERS pytest-xdist workers, a file's tests all in one (TEST_WORKERS=0: one process)
TEST_WORKERS ?= 2
test: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Regenerate lessons/ from solutions/ (commit both together).
lessons: $(STAMP)
	@export PATH="$(CURDIR)/$(VENV)/bin:$$PATH"; for d in solutions/*/; do $(VENV)/bin/nbgrader generate_assignment "$$(basename $$d)" --force || exit 1; done

# The reading site: static HTML of the released lessons in _site/html (docs/site/build_site.py says how).
site: $(STAMP)
	@$(PY) -c "import jupyter_book" 2>/dev/null || $(PY) -m pip install --quiet -e ".[site]"
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(PY) docs/site/build_site.py --out _site

clean:
	rm -rf $(VENV) gradebook.db .pytest_cache _site
