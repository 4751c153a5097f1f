# Every target is idempotent. DATABASE_URL picks the database (SQLite file by default).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FIXTURES := $(sort $(wildcard fixtures/*.json))
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run serve migrate fixtures backup restore test lint check clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

migrate: setup
	$(PY) manage.py migrate --no-input

fixtures: migrate
ifneq ($(FIXTURES),)
	$(PY) manage.py loaddata $(FIXTURES)
endif

run: fixtures
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production mode: gunicorn, DEBUG off, static files through WhiteNoise. Needs SECRET_KEY (and
# ALLOWED_HOSTS beyond the local addresses); behind a TLS proxy set SECURE_SSL_REDIRECT=1.
serve: migrate
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY (50+ random characters), e.g. export SECRET_KEY=\$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')"; exit 2; }
	export DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0}; \
	$(PY) manage.py collectstatic --no-input -v0 && \
	exec $(VENV)/bin/gunicorn casetracker.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} \
		--access-logfile - --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

# A consistent copy of the database DATABASE_URL names, taken even while the site serves.
backup: setup
	$(PY) manage.py backup

# make restore FILE=backups/....: into an empty database (add REPLACE=1 to overwrite one).
restore: setup
	@test -n "$(FILE)" || { echo "make restore: name the backup, e.g. make restore FILE=backups/20261122T040000Z.sqlite3"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(REPLACE),--replace)

test: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

check: setup
	$(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=ci-deploy-check-7f3a9c2e4b8d1f6a0c5e9b3d7a2f8c4e1b6d0a9f3c7e5b2d8a4f1c6e9b ALLOWED_HOSTS=cases.example.org \
		$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
