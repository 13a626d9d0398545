# Repère — the two commands are `make serve` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: setup serve build test lint unit web size e2e scorm bench bench-minimal bench-pages clean

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

## Size guard: the first load (gzip -9) may not grow past bench/budgets.json's limit
size: build
	node scripts/check-size.mjs dist

## SCORM 1.2 packages for LMSs (README « Dans Moodle ou un autre LMS »): dist-scorm/repere-<referential>.zip
## and dist-scorm/repere.zip; SCORM_MASTERY=0-100 writes a mastery score into the manifests
scorm: build
	node scripts/scorm-package.mjs dist dist-scorm

e2e: build scorm
	npx playwright test

## Install what is missing, then run every check and test
test: setup
	@start=$$(date +%s); \
	REPERE_SETUP_DONE=1 $(MAKE) --no-print-directory lint unit web size e2e && \
	echo "make test: all checks passed in $$(( $$(date +%s) - start )) s"

## Benchmark (not a test), SPEC §11: Repère beside a minimal Leptos app built the same way, one table
bench: build bench-minimal
	wasm-bindgen --keep-debug --target web --out-dir bench/.tmp-breakdown target/wasm32-unknown-unknown/release/repere.wasm
	wasm-opt -Oz -g bench/.tmp-breakdown/repere_bg.wasm -o bench/.tmp-breakdown/opt.wasm
	node bench/report.mjs dist bench/minimal/dist 15
	node bench/lighthouse.mjs dist

## Evidence for the size budget: first load with the home page only, then home + each page
bench-pages: build
	node bench/page-cost.mjs

bench-minimal: setup
	cd bench/minimal && trunk build --release --offline --public-url ./

clean:
	rm -rf dist dist-scorm target/playwright test-results playwright-report bench/minimal/dist bench/minimal/target bench/.tmp-*
