# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# requirements*.txt hold the top-level pins (edit those); requirements*.lock every package with
# its hashes (`make lock` writes them). The dev lock is the runtime lock plus the test tools.
LOCKS := requirements.lock requirements-dev.lock
STAMP := $(VENV)/.installed-$(shell cat $(LOCKS) | sha256sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check migrate demo install lock clean serve bench messages

# Installs exactly the dev lock: every package pinned and hash-checked, wheels only (nothing is
# built, so no code runs at install time). pip itself is in the lock and upgrades itself.
$(STAMP): $(LOCKS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r requirements-dev.lock
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Rewrites both locks from requirements*.txt with uv (itself pinned in the dev lock). Versions
# already in a lock are kept while they still fit; `make lock UPGRADE=1` takes the newest that fit.
# The locks are for this project's machines: CPython 3.11.7 on x86_64 Linux.
LOCK_PYTHON ?= 3.11.7
UV_COMPILE = $(BIN)/uv pip compile --quiet --generate-hashes --python-version $(LOCK_PYTHON) \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
lock: install
	$(UV_COMPILE) requirements.txt -o requirements.lock
	$(UV_COMPILE) requirements-dev.txt --constraints requirements.lock -o requirements-dev.lock

migrate: install
	$(BIN)/python manage.py migrate --noinput

# Development links (email links, the admin's base URL, the default Site that canonical URLs
# come from) point at the server `make run` starts, unless the environment says otherwise.
demo run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

demo: migrate
	$(BIN)/python manage.py load_demo_content

# Sets up everything on SQLite, loads the demo site and serves it, with the background worker
# beside the development server as in production (emails, indexing, periodic jobs). Ctrl+C
# stops both; the worker does not reload on code changes (run `make run` again).
run: demo
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/   (worker: manage.py db_worker)"
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Sets up the environment if needed and runs the whole test suite.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Compiles locale/nl (needs GNU gettext's msgfmt); commit the .mo with the .po (locale/README.md).
messages: install
	$(BIN)/python manage.py compilemessages --locale nl --ignore .venv

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production serving with gunicorn (see docs/deploying.md); the environment supplies
# SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and the rest.
WORKERS ?= 2
serve: install
	DJANGO_SETTINGS_MODULE=website.settings.production $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=website.settings.production $(BIN)/gunicorn website.wsgi \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --forwarded-allow-ips 127.0.0.1

# Load test with wrk against gunicorn on 127.0.0.1 and print a table (docs/performance.md).
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else echo "wrk is not installed: run 'sudo apt-get install wrk' first."; exit 1; fi; }
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) var test-artifacts
