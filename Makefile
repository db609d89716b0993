# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
PORT   ?= 5000
# A local `make run` serves plain http, so cookies must not demand https.
RUN_ENV := COOKIE_SECURE=$${COOKIE_SECURE:-0}

.PHONY: run test install install-dev migrate seed worker lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(RUN_ENV) $(FLASK) db upgrade

seed: migrate
	$(RUN_ENV) $(FLASK) seed

run: seed
	$(RUN_ENV) $(FLASK) run --host 127.0.0.1 --port $(PORT)

worker: migrate
	$(FLASK) worker

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache
