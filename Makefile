# The Victims' Rights Service. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
GOVUK := node_modules/govuk-frontend/dist/govuk
STATIC_GOVUK := victimsrights/static/govuk
MOJ := node_modules/@ministryofjustice/frontend/moj
STATIC_MOJ := victimsrights/static/moj
PORT ?= 8000
export PORT
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
MPS_BOROUGH_CRIME ?= ../shared/data/london-datastore-mps-borough-crime/MPS Borough Level Crime (Historical).csv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run test lint typecheck test-sqlite test-postgres assets translations messages demo-data pdf-libraries gettext system-packages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

.make-deps: $(BIN)/activate requirements.txt requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

assets: node_modules/.package-lock.json ## Copy GOV.UK and MoJ Frontend's built assets into static/
	rm -rf $(STATIC_GOVUK) && mkdir -p $(STATIC_GOVUK)
	cp $(GOVUK)/govuk-frontend.min.js $(GOVUK)/govuk-frontend.min.js.map $(GOVUK)/govuk-frontend.min.css.map $(STATIC_GOVUK)/
	sed 's#url(/assets/#url(assets/#g' $(GOVUK)/govuk-frontend.min.css > $(STATIC_GOVUK)/govuk-frontend.min.css
	cp -r $(GOVUK)/assets $(STATIC_GOVUK)/assets
	rm -rf $(STATIC_MOJ) && mkdir -p $(STATIC_MOJ)
	sed -e 's#url(/assets/#url(assets/#g' -e '/sourceMappingURL/d' $(MOJ)/moj-frontend.min.css > $(STATIC_MOJ)/moj-frontend.min.css
	cp -r $(MOJ)/assets $(STATIC_MOJ)/assets

CATALOGS := $(wildcard victimsrights/locale/*/LC_MESSAGES/django.po)

translations: $(CATALOGS:.po=.mo) ## Compile the translations of the victim's pages (GNU gettext's msgfmt, installed if missing)

messages: .make-deps gettext ## After changing marked words: update each language's catalog (then translate what is new)
	for language in $(notdir $(patsubst %/LC_MESSAGES/django.po,%,$(CATALOGS))); do \
		$(PY) manage.py makemessages --locale $$language --add-location file \
			--ignore 'node_modules/*' --ignore 'staticfiles/*' --ignore 'bench/*' --ignore 'docs/*' --ignore '.venv/*'; \
	done

%.mo: %.po | gettext
	msgfmt --check -o $@ $<

.make-static: .make-deps assets
	$(PY) manage.py collectstatic --noinput --verbosity 0
	touch $@

demo-data: .make-static translations pdf-libraries ## Migrate SQLite and load the demo data
	$(PY) manage.py migrate --verbosity 0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_areas
	$(PY) manage.py load_offences
	$(PY) manage.py load_outcome_types
	$(PY) manage.py load_duties
	@if [ -f "$(MPS_BOROUGH_CRIME)" ]; then $(PY) manage.py import_mps_borough_crime "$(MPS_BOROUGH_CRIME)"; fi
	$(PY) manage.py load_demo_data

run: demo-data ## Serve the service with demo data on http://127.0.0.1:$(PORT) (web, worker and scheduler)
	@echo "Serving on http://127.0.0.1:$(PORT) — Ctrl-C stops web and worker."
	trap 'kill 0' EXIT INT TERM; \
	$(BIN)/gunicorn victimsrights.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - & \
	$(PY) manage.py db_worker --interval 1 --no-reload & \
	$(PY) manage.py run_scheduler & \
	wait

PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
APT_INSTALL := $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq

pdf-libraries: ## Install Debian's Pango and fonts for the plans' PDFs (WeasyPrint) when they are missing
	@ldconfig -p | grep -q libpangoft2-1.0 || { $(APT_INSTALL) $(PDF_PACKAGES) >/dev/null; }

gettext: pdf-libraries # after it: two apt-get installs at once would fight over dpkg's lock
	@command -v xgettext >/dev/null || { $(APT_INSTALL) gettext >/dev/null; }

system-packages: gettext ## Also install Debian's Chromium (browser tests), PostgreSQL's client (backups) and GNU gettext (translations) when missing
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium >/dev/null; }
	@command -v pg_dump >/dev/null || { $(APT_INSTALL) postgresql-client >/dev/null; }

lint: .make-deps ## ruff (lint and format), the import contracts and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) manage.py makemigrations --check --dry-run --verbosity 0

typecheck: .make-deps ## mypy with django-stubs
	$(BIN)/mypy victimsrights bench

test-sqlite: .make-static translations system-packages
	$(BIN)/pytest

test-postgres: .make-static translations system-packages
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "PostgreSQL answers: running the suite on PostgreSQL"; \
		DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest; \
	else echo "PostgreSQL is not reachable at $(POSTGRES_URL): skipping the PostgreSQL run"; fi

test: lint typecheck ## Lint, type-check, then the whole suite on SQLite and (when reachable) PostgreSQL, side by side
	$(MAKE) --no-print-directory --jobs=2 --output-sync=target test-sqlite test-postgres

bench: demo-data ## Run the benchmarks (they print their figures)
	$(PY) bench/report_submission.py
	$(PY) bench/recording.py
	$(PY) bench/recording.py --sqlite
	$(PY) bench/portal.py
	$(PY) bench/sign_in_timing.py
	$(PY) bench/plans.py
	$(PY) bench/scale.py
	$(PY) bench/encryption.py --reuse
	$(PY) bench/audit_log.py --postgres
	$(PY) bench/audit_writes.py
	$(PY) bench/policeuk_import.py
	$(PY) bench/matching.py

clean: ## Remove the venv, node_modules, built assets and the demo database
	rm -rf $(VENV) node_modules $(STATIC_GOVUK) $(STATIC_MOJ) staticfiles db.sqlite3* .test-db* .make-* $(CATALOGS:.po=.mo)
