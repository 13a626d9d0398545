# Repère — the two commands are `make serve` and `make test` (see README.md).
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: setup serve build test lint unit web size e2e engines scorm bench bench-minimal bench-nostatic clean

setup:
	@[ -n "$$REPERE_SETUP_DONE" ] || scripts/setup.sh

## Install what is missing, then serve the release build on http://127.0.0.1:8080
## (trunk's post-build hook, scripts/post-build.mjs, splits the wasm into chunks: see README)
serve: setup
	trunk serve --release --offline

build: setup
	trunk build --release --offline --public-url ./

lint: setup
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --test web_storage -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --bins --features split -- -D warnings

unit: setup
	cargo test
	node --test tests/build/

## Browser-only modules, with wasm-bindgen-test in headless Chromium
web: setup
	cargo test --target wasm32-unknown-unknown --test web_storage

## Size guard: a first visit of the home page (measured in Chromium) and each chunk, gzip -9,
## within their limits in bench/budgets.json
size: build
	node bench/check-size.mjs dist

## SCORM 1.2 packages for LMSs (README, « In Moodle or another LMS »): dist-scorm/repere-<referential>.zip
## and dist-scorm/repere.zip; SCORM_MASTERY=0-100 writes a mastery score into the manifests
scorm: build
	node scripts/scorm-package.mjs dist dist-scorm

e2e: build scorm
	npx playwright test

## The candidate's and the trainer's journeys in Debian's Firefox ESR (WebDriver BiDi) and
## WebKitGTK (WebKitWebDriver, on a virtual display), SPEC §9 and §13: tests/engines/
engines: build
	xvfb-run -a node tests/engines/run.mjs dist

## Install what is missing, then run every check and test
test: setup
	@start=$$(date +%s); \
	REPERE_SETUP_DONE=1 $(MAKE) --no-print-directory lint unit web size e2e engines && \
	echo "make test: all checks passed in $$(( $$(date +%s) - start )) s"

## Benchmark (not a test), SPEC §11: Repère beside a minimal Leptos app built the same way, one table;
## the static first paint under CPU and network throttling, beside Repère without it and the minimal app;
## SPEC §13: the import page's scan of a ≈ 500 MB synthetic RNCP export (time, memory, longest task)
bench: build bench-minimal bench-nostatic
	node bench/named-split.mjs bench/.tmp-breakdown
	node bench/report.mjs dist bench/minimal/dist 15
	node bench/first-paint.mjs dist bench/.tmp-nostatic bench/minimal/dist 15
	node bench/lighthouse.mjs dist
	node bench/rncp-scan.mjs dist

## Repère as it was before the static first paint: the same build, without the snapshot step
bench-nostatic: setup
	REPERE_STATIC_HOME=0 trunk build --release --offline --public-url ./ --dist bench/.tmp-nostatic

## The yardstick app gets Repère's flags but `--emit-relocs` (.cargo/config.toml), which only the
## split step uses: with it, wasm-opt refuses the wasm ("linking section is present") and the
## minimal app ships unoptimised. RUSTFLAGS replaces the config's flags.
bench-minimal: setup
	cd bench/minimal && RUSTFLAGS="--cfg erase_components" trunk build --release --offline --public-url ./

clean:
	rm -rf dist dist-scorm target/playwright test-results playwright-report bench/minimal/dist bench/minimal/target bench/.tmp-*
