# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check migrate demo install clean serve bench

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo_content

# Sets up everything on SQLite, loads the demo site and serves it.
run: demo
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Sets up the environment if needed and runs the whole test suite.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

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
