# Two commands do everything: `make run` (ingest + notebooks for every region) and `make test`.
# The first call creates .venv and installs the pinned dependencies; later calls reuse it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run ingest notebooks test test-fast lab bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/khuyencong ingest

NOTEBOOKS := $(BIN)/khuyencong notebooks --region all --lang vi || status=$$?; \
	$(BIN)/khuyencong notebooks --region all --lang en || status=$$?

notebooks: install
	@status=0; $(NOTEBOOKS); exit $$status

# A report that fails to ingest does not stop the notebooks: they run on the tables that were
# written, and the command still ends non-zero.
run: install
	@status=0; $(BIN)/khuyencong ingest || status=$$?; $(NOTEBOOKS); exit $$status

test: install
	$(BIN)/python -m pytest

# unit tests only: no CLI runs, no notebook executions
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

lab: install
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (khuyencong)"
	cd notebooks && ../$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: install
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_notebooks.py

# everything generated; docs/ keeps its example charts
clean:
	rm -rf reports figures slides exports benchmarks/out .pytest_cache
