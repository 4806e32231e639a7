# Opvang — the two commands: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-e2e install lock lint messages makemessages openapi backup restore scan bench worker beat services clean

# Exactly the locked versions, each file checked against its hash: what CI tested is what runs
# here. The lock pins pip itself, so no `--upgrade pip` (it would drift from the lock).
$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --require-hashes -r requirements-dev.txt
	@touch $(STAMP)

## make lock: compile requirements*.in into the hashed locks requirements*.txt (LOCK_ARGS=--upgrade
## or LOCK_ARGS="--upgrade-package django" to move versions; otherwise the current pins are kept)
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) -o requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) -o requirements-dev.txt requirements-dev.in

install: $(STAMP) .env
	@./scripts/system-deps.sh

# A development .env (DEBUG on) so that plain `python manage.py …` works in this checkout.
.env:
	cp .env.example .env

messages: $(STAMP)
	@DEBUG=true $(PY) manage.py compile_translations

## make run: the app with demo data at http://127.0.0.1:8000 (SQLite and eager Celery unless configured)
run: install messages
	DEBUG=$${DEBUG:-true} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver 127.0.0.1:8000

## make test: the whole suite (PostgreSQL when DATABASE_URL points at it, SQLite otherwise)
test: $(STAMP) messages
	@./scripts/system-deps.sh --test
	$(PY) manage.py makemigrations --check --dry-run --settings=opvang.settings.test
	$(PY) -m pytest -p no:randomly $(PYTEST_ARGS)

test-fast: $(STAMP) messages
	$(PY) -m pytest -x -q -m "not e2e and not worker and not faults" $(PYTEST_ARGS)

test-e2e: $(STAMP) messages
	@./scripts/system-deps.sh --test
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

## make lint: ruff (lint + format), mypy (mypy.ini), bandit — part of CI (.ci/run)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q opvang/tests/test_security_bandit.py

## make backup [FILE=path]: pg_dump (custom format) of the database in DATABASE_URL
backup: $(STAMP)
	$(PY) scripts/db_backup.py backup $(if $(FILE),--file $(FILE))

## make restore FILE=path DB=name [REPLACE=1]: restore a backup into a new database on the same server
restore: $(STAMP)
	@test -n "$(FILE)" -a -n "$(DB)" || { echo "usage: make restore FILE=backups/x.dump DB=opvang_restored"; exit 2; }
	$(PY) scripts/db_backup.py restore $(FILE) $(DB) $(if $(REPLACE),--replace)

## make scan: dynamic scan (wapiti) of a local server with demo data, logged in as the caseworker
scan: $(STAMP) messages
	./scripts/scan.sh

makemessages: $(STAMP)
	$(PY) manage.py makemessages -l nl --ignore=.venv --ignore=cases --ignore=children --ignore=plans --ignore=outflow --ignore=reports --ignore=privacy --ignore=demo --ignore=api --ignore=administration
	for app in cases children plans outflow reports privacy api administration; do (cd $$app && ../$(PY) ../manage.py makemessages -l nl); done

## make openapi: regenerate the committed OpenAPI document of the REST API (api/openapi.json)
openapi: $(STAMP)
	DEBUG=true $(PY) manage.py spectacular --format openapi-json --lang en --validate --fail-on-warn --file api/openapi.json

worker: $(STAMP)
	$(VENV)/bin/celery -A opvang worker --loglevel=INFO --pool=solo

beat: $(STAMP)
	$(VENV)/bin/celery -A opvang beat --loglevel=INFO

## make services: web, Celery worker and beat together (Procfile, run by honcho)
services: $(STAMP) messages
	$(VENV)/bin/honcho start

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
