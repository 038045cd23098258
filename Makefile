# batchlint: `make demo` builds everything and serves the playground; `make test` runs every test.
SHELL := /bin/bash
.PHONY: demo test test-rust lint lint-js pkg test-js test-integrations test-edge test-browser test-ecosystem bench bench-smoke fuzz-smoke fuzz audit catalogue

demo: pkg
	bash scripts/serve-playground.sh

test: test-rust lint pkg test-js test-integrations test-edge test-browser test-ecosystem bench-smoke fuzz-smoke

# The benches are built by bench-smoke, not run as tests.
test-rust:
	cargo test --lib --tests --examples
	cargo test --doc

lint: lint-js
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	rustup target list --installed | grep -q wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings

# Biome over pkg-template/ and js-tests/, tsc --checkJs over the CLI (tools in .tools/js/).
lint-js: pkg
	bash scripts/lint-js.sh

pkg:
	bash scripts/build-pkg.sh

test-js: pkg
	bash scripts/test-js.sh

# The GitHub Action (action.yml) and the pre-commit hook, run as their hosts run them.
test-integrations: pkg
	bash scripts/test-integrations.sh

test-edge: pkg
	bash scripts/test-edge.sh

test-browser: pkg
	bash scripts/test-browser.sh

# The packed tarball built with Wrangler, Next.js, Vite 8 and 7, webpack, esbuild, Rollup, Parcel,
# Bun, edge-runtime, Jest, Vitest and tsc, and the editor adapters with CodeMirror and Monaco;
# `make test-ecosystem ROWS="vite tsc"` runs some of them (ecosystem/NAME.test.mjs).
test-ecosystem: pkg
	bash scripts/test-ecosystem.sh $(ROWS)

catalogue:
	cargo run --quiet --example catalogue -- --write

bench:
	bash scripts/bench.sh

bench-smoke:
	cargo bench --no-run --quiet
	bash scripts/bench.sh --smoke

fuzz-smoke:
	bash scripts/fuzz-smoke.sh

# make fuzz TARGET=mutate_jobdef SECONDS=300
fuzz:
	bash fuzz/run-one.sh $(or $(TARGET),mutate_jobdef) $(or $(SECONDS),300)

audit:
	bash scripts/audit.sh
