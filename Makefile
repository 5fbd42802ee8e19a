# Portal OPD Terpadu: `make run` and `make test` work on a fresh clone with only Python 3.11.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
INSTALLED := $(VENV)/.installed

.PHONY: install migrate run serve test lint clean-db

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

migrate: install
	$(MANAGE) prepare_portal --verbosity 0

run: migrate
	$(MANAGE) seed_demo
	@echo ""
	@echo "Portal OPD Terpadu is running:"
	@echo "  Portal & Kominfo console: http://localhost:$(PORT)/  and  http://localhost:$(PORT)/admin/  (kominfo / portal-demo-2026)"
	@echo "  An OPD site and its admin: http://bpbd.localhost:$(PORT)/  and  http://bpbd.localhost:$(PORT)/admin/  (admin / portal-demo-2026)"
	@echo "  Every demo OPD has the same admin log-in; BPBD also has 'berita' and 'ppid' operators."
	@echo ""
	PORTAL_PORT=$(PORT) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -rf var/pgdata
