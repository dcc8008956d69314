# Two commands do all the set-up (README): `make report` and `make test`.
# The virtual environment is created on first use; Debian packages (Chromium for the PDF and the
# browser test, DejaVu fonts for the charts, Liberation fonts (Arial's metrics) that measure and draw the slides,
# poppler) are installed with apt-get when missing.
VENV ?= .venv
PY := $(VENV)/bin/python
PERIOD ?= all

.PHONY: report test test-fast mutate deps bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m compileall -q kpi   # an editable install is not compiled by pip; each start would compile kpi again
	touch $@

deps:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q DejaVuSans && \
	  fc-list 2>/dev/null | grep -q LiberationSans-Regular && command -v pdftotext >/dev/null 2>&1 || \
	  { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    $$SUDO apt-get update -qq && \
	    $$SUDO apt-get install -y -qq chromium fonts-dejavu-core fonts-liberation2 poppler-utils >/dev/null; }

report: $(VENV)/.installed deps
	$(VENV)/bin/kpi report data/kontum-2021 --period $(PERIOD) --jobs $(or $(JOBS),1) --slides   # JOBS=4 with 4+ cores

test: $(VENV)/.installed deps   # over the machine's cores (pytest-xdist); a file's tests stay in one worker, so a
	$(PY) -m pytest -q -n auto --dist loadfile   # module's rendered report is made once

test-fast: $(VENV)/.installed   # bytecode on: pytest keeps its rewritten test modules (4 s a run otherwise)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -m "not slow" -n auto

# Mutation testing of the core (kpi/model/rules, period, season, kpi/assessment/engine, kpi/story/sections, kpi/text/status) against the fast unit tests;
# config in pyproject.toml [tool.mutmut]. A clean run each time; mutmut's output goes to mutants/mutmut-run.log,
# the survivors to mutants/survivors.txt; the last line is the score.
$(VENV)/.mutate: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,mutate]'
	touch $@

mutate: $(VENV)/.mutate
	rm -rf mutants && mkdir mutants
	$(VENV)/bin/mutmut run --max-children $(or $(JOBS),2) > mutants/mutmut-run.log 2>&1 || { tail -n 30 mutants/mutmut-run.log; exit 1; }
	@$(PY) benchmarks/mutation_score.py --survivors > mutants/survivors.txt; tail -n 1 mutants/survivors.txt

bench: $(VENV)/.installed
	$(PY) benchmarks/assess.py
	$(PY) benchmarks/render.py
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/collect.py

clean:
	rm -rf $(VENV) reports/*/ mutants/
