# The two commands of the README: `make run` and `make test`.
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
FLASK   := $(BIN)/flask --app cyberquest
PORT    ?= 5000
PYTEST_ARGS ?=

.PHONY: install translations run test clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
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

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
