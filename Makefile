# Two commands do everything: `make run` (ingest, notebooks for every region, decks and
# exports, in Vietnamese and English) and `make test` (the whole suite, as CI runs it).
# The first call creates .venv and installs the pinned dependencies; later calls reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
LAB_STAMP := $(VENV)/.lab-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8888
LANGS ?= vi en

.PHONY: install run ingest notebooks slides exports test test-fast lab bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/khuyencong ingest

# each step runs for every language in LANGS; a failing one is remembered, not fatal
NOTEBOOKS := for lang in $(LANGS); do $(BIN)/khuyencong notebooks --region all --lang $$lang || status=1; done
SLIDES := for lang in $(LANGS); do $(BIN)/khuyencong slides --region all --lang $$lang || status=1; done
EXPORTS := for lang in $(LANGS); do $(BIN)/khuyencong export --region all --lang $$lang || status=1; done

notebooks: install
	@status=0; $(NOTEBOOKS); exit $$status

slides: install
	@status=0; $(SLIDES); exit $$status

exports: install
	@status=0; $(EXPORTS); exit $$status

# A report that fails to ingest does not stop the rest: notebooks, decks and exports are
# made from the tables that were written, and the command still ends non-zero.
run: install
	@status=0; $(BIN)/khuyencong ingest || status=$$?; $(NOTEBOOKS); $(SLIDES); $(EXPORTS); exit $$status

test: install
	$(BIN)/python -m pytest

# unit tests only: no CLI runs, no notebook executions
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (khuyencong)"
	@rm -f $(VENV)/.lab-*
	@touch $(LAB_STAMP)

# opens at the project root: data/, figures/, reports/, slides/ and notebooks/explore.ipynb are all in view
lab: $(LAB_STAMP)
	$(BIN)/jupyter lab --port=$(PORT) --ServerApp.root_dir=. $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: install
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_shapes.py
	$(BIN)/python benchmarks/bench_notebooks.py

# everything generated; docs/ keeps its example charts
clean:
	rm -rf reports figures slides exports benchmarks/out .pytest_cache
