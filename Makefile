# The two commands of the README: `make run` and `make test`.
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
FLASK   := $(BIN)/flask --app cyberquest
PORT    ?= 5000
PYTEST_ARGS ?=
LOCK    := requirements.lock

.PHONY: install translations run test audit lock clean

# Exactly the versions in requirements.lock (setup.cfg names the ranges; `make lock` picks within them).
$(STAMP): setup.cfg pyproject.toml $(LOCK)
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(BIN)/pybabel -q compile -d cyberquest/translations

run: install
	CYBERQUEST_ENV=development $(FLASK) db upgrade
	CYBERQUEST_ENV=development $(FLASK) seed --demo --if-empty
	CYBERQUEST_ENV=development $(FLASK) run --host 127.0.0.1 --port $(PORT) --reload --no-debugger

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Known advisories for the locked versions (security/audit.py; reviewed exceptions in security/).
audit: install
	$(BIN)/python security/audit.py

# After changing a range in setup.cfg: resolve again in a throw-away environment and write the lock.
lock:
	rm -rf .venv-lock && python3 -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e '.[dev]'
	.venv-lock/bin/python -m pip freeze --exclude-editable > $(LOCK)
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
