# Run `make` or `make help` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
PORT ?= 8000
# The translations' catalogs, compiled for gettext (not kept in git).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po locale/upstream/*/LC_MESSAGES/*.po))
# uv uses the Python that scripts/find-python found (.venv's); it never downloads one.
export UV_PYTHON_DOWNLOADS := never

.PHONY: help run test messages lint fmt lock upgrade migrations-check check-deploy bench bench-afresh bench-pages bench-peer bench-library bench-thread clean

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-18s %s\n", $$1, $$2}'

$(PY):
	@python=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV)

$(UV): | $(PY)
	@$(PY) scripts/bootstrap_uv.py

# Exactly the versions in uv.lock, checked against its hashes; fails if
# pyproject.toml changed without `make lock`.
$(INSTALLED): pyproject.toml uv.lock | $(UV)
	@$(UV) sync --locked --quiet --python $(PY)
	@touch $@

# Without a working npm (NodeSource's repacked nodejs leaves it out), the same
# pinned, hash-checked packages come from scripts/npm_ci.py.
$(NODE_INSTALLED): package.json package-lock.json | $(PY)
	@if npm --version >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else $(PY) scripts/npm_ci.py; fi
	@touch $@

run: $(INSTALLED) $(CATALOGS) ## Serve the demo site with its worker at http://127.0.0.1:8000 (PORT=8001 for another port)
	@$(PY) scripts/run_demo.py $(PORT)

test: $(INSTALLED) $(NODE_INSTALLED) $(CATALOGS) ## Lint and check the imports' layers, then the whole suite (on DATABASE_URL if set, else the project's own PostgreSQL)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	@if [ -n "$$DATABASE_URL" ]; then $(PY) scripts/check_postgres.py; fi
	$(PY) -m pytest $(PYTEST_ARGS)

# Django's compilemessages runs GNU gettext's msgfmt (Debian's gettext package).
%.mo: %.po
	@command -v msgfmt >/dev/null || { echo "Compiling the translations needs msgfmt: apt-get install gettext"; exit 1; }
	msgfmt --check-format -o $@ $<

messages: $(INSTALLED) ## Collect the site's strings into locale/es/LC_MESSAGES/django.po (translate there, see locale/es/GLOSSARY.md)
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --locale es --no-obsolete --add-location file \
	  --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'bench/*' --ignore 'tests/*'

lint: $(INSTALLED) ## Check style with ruff, and the imports' layers (pyproject.toml's contracts)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

fmt: $(INSTALLED) ## Fix style with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: | $(UV) ## Record a change of pyproject.toml's dependencies in uv.lock (nothing else moves)
	$(UV) lock --python $(PY)

upgrade: | $(UV) ## Move every dependency to its newest allowed version in uv.lock, then run the whole suite
	$(UV) lock --upgrade --python $(PY)
	$(UV) sync --locked --python $(PY)
	@touch $(INSTALLED)
	$(MAKE) test

migrations-check: $(INSTALLED) ## Fail if a model change has no migration
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

check-deploy: $(INSTALLED) ## Run Django's deployment checks with production settings (it asks DATABASE_URL's server its version)
	DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	DJANGO_ALLOWED_HOSTS=commons.example.org EMAIL_URL=smtp://mail.example.org:587 \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} \
	$(PY) manage.py check --deploy --fail-level WARNING

bench: $(INSTALLED) ## A busy site: random pages, members, a writer at 1 post/s (gunicorn + wrk, own database)
	@command -v wrk >/dev/null || { echo "make bench needs wrk: apt-get install wrk"; exit 1; }
	$(PY) bench/mix.py $(BENCH_ARGS)

bench-afresh: $(INSTALLED) ## Each page made afresh at medium, large and xlarge, side by side (own databases)
	$(PY) bench/afresh.py $(BENCH_ARGS)

bench-pages: $(INSTALLED) ## One URL per page type, no writes: each page's own cost (gunicorn + wrk)
	@command -v wrk >/dev/null || { echo "make bench-pages needs wrk: apt-get install wrk"; exit 1; }
	$(PY) bench/load.py $(BENCH_ARGS)

bench-peer: $(INSTALLED) ## Thread pages beside the peer forum django-spirit's, in one run (its own virtualenv)
	@command -v wrk >/dev/null || { echo "make bench-peer needs wrk: apt-get install wrk"; exit 1; }
	$(PY) bench/peer.py $(BENCH_ARGS)

bench-library: $(INSTALLED) ## Time the library page with 10,000 resources (own commons_bench database)
	$(PY) bench/library_page.py $(BENCH_ARGS)

bench-thread: $(INSTALLED) ## Time thread pages with 5,000 threads and 100,000 posts (own database)
	$(PY) bench/thread_page.py $(BENCH_ARGS)

clean: ## Remove the virtualenv, node_modules and var/ (the demo database, uploads)
	rm -rf $(VENV) node_modules var
