# Script Writer — `make run` starts the whole system, `make test` runs every check and test.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(PYTHON) -m uv
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export UV_LINK_MODE := copy

.PHONY: run test setup web lint typecheck pytest web-test chromium bench chaos clean

run: setup web
	$(UV) run --frozen python -m scriptwriter.devstack

test: setup web chromium lint typecheck web-test pytest

setup:
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) sync --frozen --quiet

web: web/dist/index.html

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

web/dist/index.html: web/node_modules/.package-lock.json $(shell find web/src web/index.html web/vite.config.ts web/tsconfig*.json -type f 2>/dev/null)
	cd web && npm run build --silent

chromium:
	@if [ -x /usr/bin/chromium ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing Chromium (Debian package) for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium: run 'sudo apt-get install -y --no-install-recommends chromium'"; exit 1; \
	fi

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

typecheck:
	$(UV) run --frozen mypy libs services

web-test:
	cd web && npm test --silent

pytest:
	$(UV) run --frozen pytest

chaos: setup
	CHAOS_SCALE=long $(UV) run --frozen pytest tests/chaos -s -p no:cacheprovider --timeout 1800

bench: setup
	$(UV) run --frozen python -m bench

clean:
	rm -rf .venv web/node_modules web/dist var
