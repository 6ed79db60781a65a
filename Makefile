# ntm-analysis — `make help` lists the targets.
PERIOD ?= 2021-09
LANG_OUT ?= vi
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help install report test check browser office lint format lab constraints validate project translations clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev,dask]'
	$(PY) -m ipykernel install --sys-prefix --name ntm-analysis --display-name "Python (ntm-analysis)" >/dev/null
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the package with its dependencies

report: $(STAMP) office ## Render the report of PERIOD (default 2021-09) into outputs/PERIOD/ (installs LibreOffice for the PDF when root)
	$(VENV)/bin/ntm-report run --period $(PERIOD) --lang $(LANG_OUT)

validate: $(STAMP) ## Check the data of PERIOD
	$(VENV)/bin/ntm-report validate --period $(PERIOD)

project: $(STAMP) ## Year-end outlook of PERIOD
	$(VENV)/bin/ntm-report project --period $(PERIOD)

browser: ## Install Debian's chromium for the offline-page test (as root; else the test skips)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium (Debian) for the offline-page test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not installed and not root: the offline-page test will be skipped"; fi; }

# LibreOffice prints report.pdf from report.docx; Liberation Serif has the metrics of Times New
# Roman (the documents' font); poppler's pdftotext and pdftoppm let the tests read the PDF.
office: ## Install LibreOffice (Writer, no GUI), fonts and poppler for report.pdf (as root; else the PDF is left out)
	@command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing LibreOffice (Debian) for report.pdf"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      libreoffice-writer-nogui fonts-liberation2 poppler-utils >/dev/null; \
	  else echo "LibreOffice not installed and not root: report.pdf will be left out (install libreoffice-writer-nogui)"; fi; }

test: $(STAMP) browser office ## Run the test suite (installs chromium and LibreOffice for the page and PDF tests when root)
	$(PY) -m pytest

lint: $(STAMP) ## ruff check + format check + import contracts (docs/architecture.md)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports

# `time make check`: 55-58 s wall, 38 s CPU on the 2 cores shared with other sessions (load 2.6)
check: $(STAMP) ## Quick loop: lint, import contracts, tests not slow or heavy (~65 s on 2 cores; goal < 60 s)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/lint-imports
	$(PY) -m pytest -q -m "not slow and not heavy"

format: $(STAMP) ## ruff format
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project's kernel (installs the lab extra)
	@test -x $(VENV)/bin/jupyter-lab || $(PY) -m pip install --quiet -c constraints.txt -e '.[dev,lab]'
	$(VENV)/bin/jupyter lab notebooks/

LOCALE := ntm_analysis/i18n/locale
POT := $(LOCALE)/ntm_analysis.pot
translations: $(STAMP) ## Extract the wordings, update the .po catalogues, compile them (docs/translations.md)
	$(VENV)/bin/pybabel extract -F babel.cfg -o $(POT) --project=ntm-analysis \
	  --copyright-holder="ntm-analysis contributors" --add-location=file --sort-by-file \
	  --add-comments=TRANSLATORS: --width=100 .
	$(VENV)/bin/pybabel update -i $(POT) -d $(LOCALE) -D ntm_analysis --width=100 \
	  --ignore-pot-creation-date --previous --ignore-obsolete
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D ntm_analysis --statistics

constraints: $(STAMP) ## Rewrite constraints.txt (after a dependency change; start from `make clean`)
	$(PY) -m pip install --quiet -e '.[dev,lab,dask]'
	@{ sed -n '1,3p' constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -v '^ntm.analysis'; } > constraints.new
	mv constraints.new constraints.txt

clean: ## Remove .venv and caches (outputs/ is kept)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
