# Téléservices: everyday commands. `make run` to try the site, `make test`
# before every commit. See README.md.

SHELL := /bin/bash
HTTP_PORT ?= 8080
BUILD := $(CURDIR)/build
VAR := $(CURDIR)/var
CONF := $(VAR)/etc/teleservices.conf
STACK := TS_VAR=$(VAR) TS_BUILD=$(BUILD) TS_HTTP_PORT=$(HTTP_PORT) scripts/stack.sh

.PHONY: all run stop status staff-code build deps dsfr test attacks faults test-asan fuzz lint bench screenshots clean distclean help

all: build

help:
	@echo "make staff-code ID=IDENT  the current TOTP code of a demo staff account (development only)"
	@echo "make run          build, start the site on http://127.0.0.1:$(HTTP_PORT) with demo data (in var/)"
	@echo "make stop         stop what make run started"
	@echo "make test         build, then unit, integration, attack, faults and browser tests"
	@echo "make attacks      build, then the attack suite alone (tests/attacks/)"
	@echo "make faults       build, then only the faults suite (tests/faults: kills and outages under load)"
	@echo "make test-asan    unit, db, flows and integration suites built with ASan+UBSan (build-asan/)"
	@echo "make fuzz         libFuzzer targets of tests/fuzz, bounded (FUZZ_SECONDS=600 per target by hand)"
	@echo "make lint         clang-tidy and cppcheck on lib/, handlers/, mailer/, tools/"
	@echo "make build        install missing packages, compile into build/, copy the DSFR into htdocs/dsfr"
	@echo "make bench        load test (bench/run.sh)"
	@echo "make screenshots  page screenshots (tests/browser/screenshots.mjs)"
	@echo "make clean        stop, remove build/, var/, htdocs/dsfr/, tests/output/"

# var/ keeps the database between runs (make clean starts afresh); everything
# else is restarted with the new build. `demo` loads the demo school once and
# prints new letters each time.
run: build
	@TS_MAIL=maildir $(STACK) start
	@echo
	@$(VAR)/app/bin/teleservices-admin --config $(CONF) demo
	@echo
	@echo "Téléservices : http://127.0.0.1:$(HTTP_PORT)/"
	@echo "Courriels envoyés (page de développement) : http://127.0.0.1:$(HTTP_PORT)/dev/courriels"
	@echo "Journaux : $(VAR)/log/   Arrêt : make stop"

stop:
	@$(STACK) stop

status:
	@$(STACK) status

# The current second-factor code of a demo staff account, for trying the demo
# without an authenticator app (development mode only): make staff-code ID=amoreau
staff-code:
	@test -n "$(ID)" || { echo "usage: make staff-code ID=IDENTIFIER" >&2; exit 2; }
	@$(VAR)/app/bin/teleservices-admin --config $(CONF) staff code $(ID)

deps:
	@scripts/deps.sh

build: deps dsfr
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build -j2 -- --no-print-directory

node_modules/.package-lock.json: package.json package-lock.json
	scripts/deps.sh

# The DSFR files the pages use, copied from the npm package into htdocs/dsfr
# (not versioned) by scripts/copy-dsfr.sh.
dsfr: htdocs/dsfr/.copied
htdocs/dsfr/.copied: node_modules/.package-lock.json scripts/copy-dsfr.sh
	scripts/copy-dsfr.sh
	touch $@

test: build
	@scripts/test.sh

# The attack suite alone (also part of make test): CSRF, ids, session
# fixation, headers and nginx's statuses, payloads, timing, lockout.
attacks: build
	@scripts/test.sh attacks

# The faults suite alone (also part of make test): kills and outages under load.
faults: build
	@scripts/test.sh faults

# The suites again with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc, build-asan/); any sanitizer report fails (scripts/test-asan.sh).
test-asan: deps dsfr
	@scripts/test-asan.sh

# libFuzzer targets (clang, build-fuzz/), seeds in tests/fuzz/corpus/<name>/:
# by default a CI run of about 2 minutes in all; FUZZ_SECONDS=N per target.
fuzz: deps
	@$(if $(FUZZ_SECONDS),FUZZ_SECONDS=$(FUZZ_SECONDS)) scripts/fuzz.sh

# clang-tidy (.clang-tidy) and cppcheck (scripts/lint.sh) on our code.
lint: deps
	@scripts/lint.sh

bench: build
	@if [ -x bench/run.sh ]; then bench/run.sh; else echo "bench/run.sh is not there yet"; fi

screenshots: build
	@if [ -f tests/browser/screenshots.mjs ]; then node tests/browser/screenshots.mjs; else echo "tests/browser/screenshots.mjs is not there yet"; fi

clean:
	-@$(STACK) stop >/dev/null 2>&1
	rm -rf build build-asan build-fuzz build-lint var htdocs/dsfr tests/output

distclean: clean
	rm -rf node_modules
