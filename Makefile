# Repère — the two commands are `make serve` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: setup serve build test lint unit web e2e bench clean

setup:
	@[ -n "$$REPERE_SETUP_DONE" ] || scripts/setup.sh

## Install what is missing, then serve the release build on http://127.0.0.1:8080
serve: setup
	trunk serve --release --offline

build: setup
	trunk build --release --offline --public-url ./

lint: setup
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --test web_storage -- -D warnings

unit: setup
	cargo test

## Browser-only modules, with wasm-bindgen-test in headless Chromium
web: setup
	cargo test --target wasm32-unknown-unknown --test web_storage

e2e: build
	npx playwright test

## Install what is missing, then run every check and test
test: setup
	@start=$$(date +%s); \
	REPERE_SETUP_DONE=1 $(MAKE) --no-print-directory lint unit web e2e && \
	echo "make test: all checks passed in $$(( $$(date +%s) - start )) s"

## Benchmarks (not tests): native criterion and browser timings of the release build
bench: build
	cargo bench --bench scoring -- --quick
	node bench/browser-timing.mjs dist 21
	node bench/lighthouse.mjs dist

clean:
	rm -rf dist target/playwright test-results playwright-report
