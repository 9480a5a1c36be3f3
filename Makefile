# Everyday entry points. `make run` starts everything locally with no configuration;
# `make test` is what CI runs (.ci/run).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Targets such as `test` list their steps as prerequisites, which must run in order.
.NOTPARALLEL:

# Tests use the local PostgreSQL and Redis that `make services` makes sure of.
export TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export TEST_REDIS_URL ?= redis://127.0.0.1:6379
# Redocly CLI: no telemetry, no update check (CI has no business calling home).
export REDOCLY_TELEMETRY := off
export REDOCLY_SUPPRESS_UPDATE_NOTICE := true

.PHONY: help install build run services lint typecheck contract openapi sdk test test-dates fuzz migrate bench clean

help:
	@echo 'make run        install, build, start API + worker (embedded PostgreSQL/Redis when unset)'
	@echo 'make test       everything CI checks: services, build, lint, typecheck, contract, jest, test-dates'
	@echo 'make test-dates the date-sensitive suites under many pinned dates (TEST_DATES=a,b to choose)'
	@echo 'make services   start local PostgreSQL (5432) and Redis (6379), installing them (and pdftotext) if absent'
	@echo 'make fuzz       the contract-driven property test, longer (FUZZ_RUNS, FUZZ_SEED)'
	@echo 'make sdk        build and pack the SDK (@school-journal/sdk) into dist/sdk/*.tgz'
	@echo 'make lint | typecheck | contract | openapi | migrate | bench | clean'

# npm writes node_modules/.package-lock.json on every install, so it is older than
# package-lock.json exactly when the lockfile changed since the last install.
install: node_modules/.package-lock.json

node_modules/.package-lock.json: package-lock.json
	npm install --no-audit --no-fund
	@touch $@

build: install
	npm run build

run: install build
	exec node dist/local/launcher.js

services:
	scripts/ensure-services.sh

lint: install
	npx eslint .
	npx prettier --check .

typecheck: install
	npx tsc -p tsconfig.json --noEmit

# The committed contract must be exactly what the code produces, and the committed SDK
# types exactly what the contract produces; the SDK must still build against them.
contract: build
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	node dist/cli.js openapi "$$tmp/openapi.json"; \
	if ! diff -u openapi/openapi.json "$$tmp/openapi.json"; then \
		echo 'openapi/openapi.json does not match the code: run `make openapi` and commit the result.' >&2; \
		exit 1; \
	fi; \
	npx redocly lint openapi/openapi.json; \
	npx openapi-typescript openapi/openapi.json -o "$$tmp/schema.d.ts"; \
	if ! diff -u openapi/sdk/schema.d.ts "$$tmp/schema.d.ts"; then \
		echo 'openapi/sdk/schema.d.ts does not match openapi/openapi.json: run `make openapi` and commit the result.' >&2; \
		exit 1; \
	fi; \
	echo 'contract: openapi/openapi.json and openapi/sdk/schema.d.ts are up to date'
	@$(MAKE) --no-print-directory sdk

# The SDK package (openapi/sdk, see its README.md): compiled, assembled in dist/sdk/package
# with its bundled dependencies, and packed into dist/sdk/school-journal-sdk-<version>.tgz,
# which installs with no registry (`npm install ./school-journal-sdk-0.1.0.tgz`).
sdk: install
	node scripts/build-sdk.mjs dist/sdk

openapi: build
	node dist/cli.js openapi openapi/openapi.json
	npx openapi-typescript openapi/openapi.json -o openapi/sdk/schema.d.ts

# Every suite on the default test date, then the date-sensitive ones on many other dates.
test: install services build lint typecheck contract
	npx jest --ci
	npx jest --ci --config jest.dates.config.mjs

# The date-sensitive suites, once per pinned date (jest.dates.config.mjs lists both).
test-dates: install services
	npx jest --ci --config jest.dates.config.mjs

# The property test of test/contract-fuzz.e2e-spec.ts, longer than in `make test` (4 requests
# per operation, a fixed seed): FUZZ_RUNS per operation, FUZZ_SEED (default: a new one each
# run, printed at the end).
fuzz: install services
	FUZZ_RUNS=$${FUZZ_RUNS:-200} FUZZ_SEED=$${FUZZ_SEED:-$$RANDOM} npx jest --ci test/contract-fuzz.e2e-spec.ts

migrate: build
	node dist/cli.js migrate

# Seeds a realistic school into its own database (school_journal_bench, BENCH_DATABASE_URL)
# when missing or outdated, then measures the API against a hand-written Fastify + pg
# baseline: docs/performance.md. BENCH_SECONDS, BENCH_ONLY, BENCH_RESEED=1 tune a run;
# BENCH_PROFILE=<scenario key> profiles the API under that scenario instead.
bench: install services build
	npx tsc -p bench/tsconfig.json
	node dist/bench/bench/$(if $(BENCH_PROFILE),profile.js $(BENCH_PROFILE),run.js)

# Build outputs only. Local data (embedded PostgreSQL, Redis, JWT secret) is in .data/:
# delete that directory yourself to start from scratch.
clean:
	rm -rf dist coverage
