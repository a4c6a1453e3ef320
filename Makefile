# Makefile - the two commands of README.md, wrapping meson.
#   make demo   install missing packages, build, run l10nlint on fixtures/demo-site
#   make test   the same set-up, then the whole test suite (plain and ASan+UBSan;
#               the sanitizer build also takes cmark-gfm's public API only)

BUILD      ?= build
ASAN_BUILD ?= build-asan
MESON      ?= meson

.PHONY: all deps deps-test build build-asan demo test test-quick bench clean

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) >/dev/null

$(ASAN_BUILD)/build.ninja:
	$(MESON) setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug -Dcmark_internals=false >/dev/null

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD) >/dev/null

build-asan: deps $(ASAN_BUILD)/build.ninja
	$(MESON) compile -C $(ASAN_BUILD) >/dev/null

demo: build
	@scripts/demo.sh $(BUILD)/l10nlint

test: deps-test build build-asan
	@tests/run-all.sh $(BUILD) $(ASAN_BUILD)

# One build only, no sanitizers: for a quick loop while editing.
test-quick: build
	@tests/run-tests.sh $(BUILD)

bench: build
	@scripts/deps.sh bench
	@bench/outline.sh $(BUILD)/l10nlint

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
