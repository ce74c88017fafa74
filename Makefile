# Two commands do everything: `make run` (ingest + notebooks for every region) and `make test`.
# The first call creates .venv and installs the pinned dependencies; later calls reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run ingest notebooks test lab bench clean

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

run: ingest notebooks

test: install
	$(BIN)/python -m pytest

lab: install
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (khuyencong)"
	cd notebooks && ../$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: install
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_notebooks.py

clean:
	rm -rf reports .pytest_cache benchmarks/out
