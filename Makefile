# Portal OPD Terpadu: `make run` and `make test` work on a fresh clone with only Python 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed

.PHONY: install migrate run serve test audit lint clean-db bench bench-import loadtest messages

# The settings fail closed (README, Configuration). These development targets turn DEBUG on: a
# development secret key and hosts, and the embedded PostgreSQL when DATABASE_URL is unset. The
# gunicorn servers that bench/run.py and bench/loadtest.py start get DJANGO_DEBUG=0 and every
# production variable from those scripts, so `make bench` needs nothing here.
migrate run test audit loadtest: export DJANGO_DEBUG := 1
# Every link the portal writes (e-mails, the console, what seed_demo prints) carries the port
# `make run` serves on: the server, the worker and each command it runs get the same one.
migrate run: export PORTAL_PORT := $(PORT)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

# The gettext catalogue (locale/): the .po files are kept in git, the .mo files Django reads are
# compiled from them here, with Babel (pure Python: no GNU gettext needed; README, Dependencies).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

locale/%.mo: locale/%.po $(INSTALLED)
	DJANGO_DEBUG=1 $(MANAGE) compile_catalogue --verbosity 0

install: $(INSTALLED) $(MO_FILES)

# Refresh the catalogue from the code and templates (needs GNU gettext's xgettext and msgmerge).
MESSAGES_IGNORE := --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'docs/*' \
	--ignore 'static/*' --ignore 'staticfiles/*'
messages: install
	DJANGO_DEBUG=1 $(MANAGE) makemessages -l id $(MESSAGES_IGNORE) --no-obsolete
	DJANGO_DEBUG=1 $(MANAGE) makemessages -d djangojs -l id $(MESSAGES_IGNORE) --no-obsolete

migrate: install
	$(MANAGE) prepare_portal --verbosity 0

run: migrate
	$(MANAGE) seed_demo
	@echo ""
	@echo "Portal OPD Terpadu is running:"
	@echo "  Portal & Kominfo console: http://localhost:$(PORT)/  and  http://localhost:$(PORT)/admin/  (kominfo / portal-demo-2026)"
	@echo "  An OPD site and its admin: http://bpbd.localhost:$(PORT)/  and  http://bpbd.localhost:$(PORT)/admin/  (admin / portal-demo-2026)"
	@echo "  Every demo OPD has the same admin log-in; BPBD also has 'berita' and 'ppid' operators."
	@echo "  The pemda's PPID on the console: 'ppidutama' (PPID Utama) and 'sekda' (Atasan PPID)."
	@echo ""
	@echo "  The task worker (e-mail, schedules) runs beside the server and stops with it."
	@echo ""
	@$(MANAGE) procrastinate worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered

# Lighthouse (mobile) on every page type citizens land on; reports in var/audit/ (needs Node.js).
audit: install
	$(BIN)/python -m tests.e2e.audit

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -rf var/pgdata

# Performance benchmark (README, "Performance"): own databases under var/bench (or named after
# DATABASE_URL's, dropped and re-created), gunicorn as in production, wrk over loopback, the N in
# turn. Quick: make bench N=1 ROUNDS=1 DURATION=3. 2,000 OPDs (about 45 minutes on 2 cores; OPDs
# past the 20th are schema copies, bench/clone.py): make bench N=1,2000
# The WordPress import (bench/wpimport.py): a generated export of POSTS posts with IMAGES photos
# imported into a fresh OPD, timed with the child's peak RSS, beside a quarter-size one, its dry
# run and a second, idempotent import. Quick: make bench-import POSTS=200 IMAGES=100
N ?= 1,300
ROUNDS ?= 5
DURATION ?= 4
bench: install
	$(BIN)/python -m bench.run --opds $(N) --rounds $(ROUNDS) --duration $(DURATION)

POSTS ?= 2000
IMAGES ?= 1000
bench-import: install
	$(BIN)/python -m bench.wpimport --posts $(POSTS) --images $(IMAGES)

# Load test (README, "Resilience"): 50 OPDs, 60 s of mixed traffic with PPID form posts on a local
# gunicorn; fails on any 5xx or lost submission. Uses DATABASE_URL (or the embedded database).
LOADTEST_OPDS ?= 50
LOADTEST_DURATION ?= 60
loadtest: install
	$(BIN)/python bench/loadtest.py --opds $(LOADTEST_OPDS) --duration $(LOADTEST_DURATION)
