# Two commands do everything: `make run` (ingest, notebooks, decks and exports for every region) and `make test`.
# The first call creates .venv and installs the pinned dependencies; later calls reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
LAB_STAMP := $(VENV)/.lab-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8888
LANGS ?= vi

.PHONY: install run ingest notebooks slides exports test lab bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/khuyencong ingest

notebooks: install
	$(BIN)/khuyencong notebooks --region all

slides: install
	@for lang in $(LANGS); do $(BIN)/khuyencong slides --region all --lang $$lang || exit 1; done

exports: install
	@for lang in $(LANGS); do $(BIN)/khuyencong export --region all --lang $$lang || exit 1; done

# `make run LANGS="vi en"` also makes the English decks and exports
run: ingest notebooks slides exports

test: install
	$(BIN)/python -m pytest

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
	$(BIN)/python benchmarks/bench_notebooks.py

clean:
	rm -rf reports slides exports .pytest_cache benchmarks/out
