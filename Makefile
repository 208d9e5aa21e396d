# Galateo: `make run` serves the seed policies on 127.0.0.1:8080,
# `make test` runs every check CI runs.
GO       ?= go
OPA      := $(GO) tool opa
ADDR     ?= 127.0.0.1:8080
POLICIES ?= policies
COVERAGE ?= 90

.PHONY: run build test lint rego-test bench bench-scale fuzz clean assets

# The first start on a fresh machine writes an admin API key to galateo.key
# (mode 0600): send it as -H "Authorization: Bearer $$(cat galateo.key)".
run:
	$(GO) run ./cmd/galateo serve -addr $(ADDR) -policies $(POLICIES)

build:
	$(GO) build -buildvcs=auto -o bin/galateo ./cmd/galateo

# The stock opa binary pinned in go.mod (`go tool opa`) checks policies/
# exactly as legal staff run it, held to the sandbox the engine compiles
# with and type-checked against the input schema of policies/schema
# (docs/policies.md).
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	$(GO) vet ./...
	@out=$$($(OPA) fmt --list $(POLICIES)); \
	  if [ -n "$$out" ]; then echo "opa fmt would change: $$out"; exit 1; fi
	$(OPA) check --strict --capabilities policies/sandbox.capabilities --schema $(POLICIES)/schema $(POLICIES)

rego-test:
	$(OPA) test $(POLICIES)
	@$(OPA) test --coverage $(POLICIES) > .coverage.json; \
	  cov=$$(grep -o '"coverage": *[0-9.]*' .coverage.json | tail -1 | grep -o '[0-9.]*$$'); \
	  rm -f .coverage.json; \
	  echo "rego coverage: $$cov% (minimum $(COVERAGE)%)"; \
	  awk -v c="$$cov" -v m="$(COVERAGE)" 'BEGIN { exit !(c >= m) }'

# Every package runs under the race detector but cmd/galateo and
# engine/quality. cmd/galateo's tests
# drive the binary's commands end to end, compiling and gating enti in
# every one: under -race they took 15 minutes of a 2-core CI run. The concurrency they
# exercise (the server, the store, the reloader) is in api, store and
# engine, which keep -race. The two runs go side by side (cmd/galateo's
# output is printed after the others') so that the long api package does not
# leave a core idle.
# engine/quality goes with it: it decides every case of the functional suite
# and the labelled set one after another (12 s, 150 s under -race), and its
# concurrency is the engine's, tested under -race in engine.
# GALATEO_EVAL_TIMEOUT=1m: an evaluation under the race detector on a busy
# 2-core machine can take longer than the 2 s a server allows; the tests
# check decisions, and the deadline's own tests set theirs.
test: lint rego-test
	@log=$$(mktemp); export GALATEO_EVAL_TIMEOUT=1m; \
	$(GO) test -timeout 40m ./cmd/galateo/ ./engine/quality/ >"$$log" 2>&1 & cmd=$$!; \
	$(GO) test -race -timeout 40m $$($(GO) list ./... | grep -v -e '/cmd/galateo$$' -e '/engine/quality$$'); race=$$?; \
	wait $$cmd; status=$$?; cat "$$log"; rm -f "$$log"; \
	test $$race -eq 0 && test $$status -eq 0

# Every fuzz target of engine/facts (normalisation and each detector: no
# panic, every span inside the text) and of api (POST /decide with any
# body and content type, or any field values: 200 or 4xx, never 5xx, and
# the audit log still verifies), FUZZTIME each, run by hand before a
# change to those packages lands (CI only replays the saved corpora, since
# random exploration is not reproducible); `make fuzz FUZZTIME=60s` digs
# deeper. A failing input is saved under the package's testdata/fuzz/ and
# replayed by every later `go test`.
FUZZTIME ?= 3s
FUZZPKGS ?= ./engine/facts/ ./api/
fuzz:
	@set -e; for p in $(FUZZPKGS); do \
	  for t in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
	    echo "fuzz $$p $$t for $(FUZZTIME)"; \
	    $(GO) test -run '^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZTIME) $$p; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./engine/... ./api/ ./store/

clean:
	rm -rf bin

# Refreshes the console's vendored Bootstrap Italia (embedded) and axe-core
# (browser tests only) from the npm registry at the versions pinned in
# api/console/vendor.sh; the result is committed, so run and build need no
# network. Licences, versions and integrity: api/console/static/vendor/VENDORED.md.
assets:
	api/console/vendor.sh

# Start-up time (fresh and warm database), peak memory, decision latency
# and one ente's reload under load, for the seed enti plus ENTI synthetic
# comuni (galateo synth) on the built binary; figures in docs/PERFORMANCE.md.
ENTI ?= 1000
bench-scale:
	GALATEO_SCALE_ENTI=$(ENTI) $(GO) test -run '^$$' -bench '^BenchmarkScale$$' -benchtime 1x -timeout 60m ./cmd/galateo/
