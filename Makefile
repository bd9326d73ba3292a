# Casegate: the only entry point a user needs.
#   make deps   install the missing Debian packages (cheap when present)
#   make        build every binary          make asan   the same with ASan+UBSan
#   make run    run in the foreground       make start / make stop / make reset
#   make test   the whole suite on a throwaway stack
#   make bench  benchmarks (not part of make test)    make smoke  ab against a running stack

CC       ?= cc
PKGS      = json-c libmariadb libargon2 libjwt libcrypto libxml-2.0 libcurl libqpdf
CFLAGS   ?= -O2 -g
FORTIFY  ?= -D_FORTIFY_SOURCE=2   # off under ASan, which checks the same and more
ALL_CFLAGS = $(CFLAGS) $(SAN) -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
            -Wno-unused-parameter -fstack-protector-strong $(FORTIFY) \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ALL_LDFLAGS = $(LDFLAGS) $(SAN) -Wl,-z,relro,-z,now
LDLIBS    = -lfcgi $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lmagic
BUILD    ?= build
CGI_DIR  ?= cgi-bin
BIN_DIR  ?= bin
FAMILIES  = token cases judgments filings payments

DEBS = build-essential pkg-config libfcgi-dev libjson-c-dev libmariadb-dev \
       libargon2-dev libjwt-dev libssl-dev libcurl4-openssl-dev check libxml2-dev \
       libxml2-utils libmagic-dev libqpdf-dev \
       nginx-light mariadb-server mariadb-client spawn-fcgi multiwatch \
       apache2-utils wrk curl openssl valgrind chromium

LIB_SRC  = $(wildcard src/lib/*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIB_A    = $(BUILD)/libcasegate.a
BINS     = $(FAMILIES:%=$(CGI_DIR)/%) $(BIN_DIR)/casegate-admin

.PHONY: asan-test tests-build all deps asan run start stop reset test unit httptest bench smoke clean fuzz \
        browser-deps

all: $(BINS)

deps:
	@missing=$$(for p in $(DEBS); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD)/%.o: src/%.c $(wildcard src/lib/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	$(AR) rcs $@ $^

# One binary per family, from src/<family>/*.c and the shared core.
define family_rule
$$(CGI_DIR)/$(1): $$(patsubst src/%.c,$$(BUILD)/%.o,$$(wildcard src/$(1)/*.c)) $$(LIB_A)
	@mkdir -p $$(CGI_DIR)
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$^ $$(LDLIBS)
endef
$(foreach f,$(FAMILIES),$(eval $(call family_rule,$(f))))

# The judgments parser and store are shared by the judgments binary, the
# admin tool's import and the unit tests.
JUDG_CORE = $(BUILD)/judgments/akn.o $(BUILD)/judgments/courts.o $(BUILD)/judgments/store.o

$(BIN_DIR)/casegate-admin: $(patsubst src/%.c,$(BUILD)/%.o,$(wildcard src/tools/*.c)) $(JUDG_CORE) \
    $(BUILD)/filings/clerk.o $(LIB_A)
	@mkdir -p $(BIN_DIR)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

# Unit tests: each tests/unit/test_*.c is a Check suite of its own.
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_A) $(JUDG_CORE) tests/http/docserver.c tests/http/docserver.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc/lib -Itests/http $(ALL_LDFLAGS) -o $@ $< tests/http/docserver.c \
	  $(JUDG_CORE) $(LIB_A) $(LDLIBS) $(CHECK_LIBS) -lpthread

# HTTP tests: each tests/http/test_*.c is a Check suite run against the stack.
HTTP_SRC = $(wildcard tests/http/test_*.c)
HTTP_BIN = $(HTTP_SRC:tests/http/test_%.c=$(BUILD)/tests/http_%)

$(BUILD)/tests/http_%: tests/http/test_%.c tests/http/client.c tests/http/client.h \
    tests/http/docserver.c tests/http/docserver.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/http $(ALL_LDFLAGS) -o $@ $< tests/http/client.c \
	  tests/http/docserver.c $(LDLIBS) -lcurl $(CHECK_LIBS) -lpthread

tests-build: $(UNIT_BIN) $(HTTP_BIN)

unit: $(UNIT_BIN)
	@rc=0; for t in $(UNIT_BIN); do $$t || rc=1; done; exit $$rc

asan:
	$(MAKE) BUILD=build-asan CGI_DIR=build-asan/cgi-bin BIN_DIR=build-asan/bin CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined" FORTIFY= all

# The whole suite against the sanitizer build: any ASan/UBSan report fails.
asan-test: asan browser-deps
	$(MAKE) BUILD=build-asan CGI_DIR=build-asan/cgi-bin BIN_DIR=build-asan/bin \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer" SAN="-fsanitize=address,undefined" FORTIFY= tests-build
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  CASEGATE_CGI_DIR=build-asan/cgi-bin CASEGATE_BIN_DIR=build-asan/bin BUILD=build-asan tests/run.sh

STACK = src/tools/stack.sh

run: deps all
	@$(STACK) run

start: deps all
	@$(STACK) start

stop:
	@$(STACK) stop

reset:
	@$(STACK) reset

# The browser test's driver: playwright-core from npm, pinned by its lock file,
# installed again only when the lock file changed. It drives Debian's chromium
# (in DEBS), never a browser build of its own.
BROWSER_DIR = tests/browser
$(BROWSER_DIR)/node_modules/.package-lock.json: $(BROWSER_DIR)/package.json $(BROWSER_DIR)/package-lock.json
	cd $(BROWSER_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

browser-deps: $(BROWSER_DIR)/node_modules/.package-lock.json

test: deps all tests-build browser-deps
	@tests/run.sh

bench: deps all
	@tests/bench/run.sh

smoke:
	@tests/bench/smoke.sh

# make fuzz: the multipart parser under libFuzzer with ASan and UBSan, from
# its seed corpus (tests/fuzz/corpus/multipart), for FUZZ_SECONDS. clang is
# installed here when missing (it is not one of DEBS).
FUZZ_SECONDS ?= 60
fuzz:
	@command -v clang >/dev/null || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clang; }
	@mkdir -p $(BUILD)/fuzz/corpus
	clang -g -O1 -std=c17 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=undefined -Isrc/lib -o $(BUILD)/fuzz/multipart \
	  tests/fuzz/multipart.c src/lib/arena.c
	cp -n tests/fuzz/corpus/multipart/* $(BUILD)/fuzz/corpus/
	$(BUILD)/fuzz/multipart -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	  -timeout=10 $(BUILD)/fuzz/corpus

clean:
	rm -rf build build-asan cgi-bin/token cgi-bin/cases cgi-bin/filings \
	  cgi-bin/payments cgi-bin/judgments bin
