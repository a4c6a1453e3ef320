# Makefile - the two commands of README.md, wrapping meson.
#   make demo   install missing packages, build, run l10nlint on fixtures/demo-site
#   make test   the same set-up, then the whole test suite three times: plain,
#               ASan+UBSan, and portable (no SSE2, cmark-gfm's public API only)

BUILD      ?= build
ASAN_BUILD ?= build-asan
PORTABLE_BUILD ?= build-portable
MESON      ?= meson

.PHONY: all deps deps-test build build-asan build-portable demo test test-quick bench clean

all: build

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) >/dev/null

$(ASAN_BUILD)/build.ninja:
	$(MESON) setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug >/dev/null

# The portable paths: cmark-gfm's public API only, and the plain C loops the
# SSE2 fast paths stand in for (they must give the same answers).
$(PORTABLE_BUILD)/build.ninja:
	$(MESON) setup $(PORTABLE_BUILD) -Dcmark_internals=false -Dc_args=-U__SSE2__ >/dev/null

build: deps $(BUILD)/build.ninja
	$(MESON) compile -C $(BUILD) >/dev/null

build-asan: deps $(ASAN_BUILD)/build.ninja
	$(MESON) compile -C $(ASAN_BUILD) >/dev/null

build-portable: deps $(PORTABLE_BUILD)/build.ninja
	$(MESON) compile -C $(PORTABLE_BUILD) >/dev/null

demo: build
	@scripts/demo.sh $(BUILD)/l10nlint

test: deps-test build build-asan build-portable
	@tests/run-all.sh $(BUILD) $(ASAN_BUILD) $(PORTABLE_BUILD)

# One build only, no sanitizers: for a quick loop while editing.
test-quick: build
	@tests/run-tests.sh $(BUILD)

bench: build
	@scripts/deps.sh bench
	@bench/outline.sh $(BUILD)/l10nlint

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(PORTABLE_BUILD)
