# A thin wrapper over CMake, as neovim's top-level Makefile is: every target
# installs the Debian packages that are missing, configures and builds into
# build/, then does its one job.
#
#   make demo     awelint on a bundled list with defects: findings, then the diff --fix would apply
#   make test     the whole test suite through ctest
#   make install  cmake --install (PREFIX=/usr/local)
#   make bench    speed and memory next to the md4c parse floor (bench/run.py;
#                 an optimised build in build-bench/, not a test)
#   make test-asan  the suite and the acceptance kit's corpus checks on an ASan+UBSan build
#   make test-tsan  awelint built with ThreadSanitizer over the shared corpus (the lint's
#                 second thread), where any data race fails
#   make fuzz     the libFuzzer harness for FUZZ_SECONDS (60) when clang is installed
#   make bench-links  the link checker on 2,000 links over 20 slow loopback ports,
#                 against the ideal and markdown-link-check (npm); not a test

BUILD_DIR ?= build
CMAKE_FLAGS ?=
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
DEB_PACKAGES := gcc make cmake pkg-config libmd4c-dev libmd4c-html0-dev libutf8proc-dev \
	libcurl4-openssl-dev libyaml-dev libcriterion-dev python3 \
	python3-jsonschema python3-yaml pre-commit git man-db
# Root installs directly, everyone else through sudo.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
AWELINT := $(BUILD_DIR)/awelint

# Sanitizer builds prefer clang, whose UBSan also catches NULL + 0.
SAN_CC ?= $(shell command -v clang 2>/dev/null || echo cc)
ASAN_BUILD_DIR ?= build-asan
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
# Any report fails: ASan and UBSan stop at the first one with exit code 86,
# which no test and no acceptance check takes for awelint's own 0, 1 or 2.
SANITIZER_ENV := ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:exitcode=86 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:exitcode=86 \
	LSAN_OPTIONS=exitcode=86
TSAN_BUILD_DIR ?= build-tsan
TSAN_CORPUS ?= ../shared/corpus
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CORPUS ?= $(FUZZ_BUILD_DIR)/corpus
FUZZ_ARGS ?=

.PHONY: all deps build test test-asan test-tsan fuzz demo install bench bench-links clean

all: build

deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_INSTALL_PREFIX=$(PREFIX) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure

test-asan: deps
	CC=$(SAN_CC) cmake -S . -B $(ASAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		"-DCMAKE_C_FLAGS=$(SANITIZE)" "-DCMAKE_EXE_LINKER_FLAGS=$(SANITIZE)" $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD_DIR) -j$(JOBS)
	cd $(ASAN_BUILD_DIR) && $(SANITIZER_ENV) ctest --output-on-failure
	@if [ -x ../shared/tools/acceptance ]; then \
		$(SANITIZER_ENV) AWELINT=$(ASAN_BUILD_DIR)/awelint ../shared/tools/acceptance \
			--only json,fix,spec-render,seeds,bad-input; \
	else echo "test-asan: acceptance kit not found (../shared/tools/acceptance); corpus checks skipped"; fi

# The Criterion suite cannot run under ThreadSanitizer (its shared arena
# wants an address TSan reserves), so the TSan build lints real lists.
test-tsan: deps
	CC=$(SAN_CC) cmake -S . -B $(TSAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAWELINT_TESTS=OFF \
		"-DCMAKE_C_FLAGS=-fsanitize=thread" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread" $(CMAKE_FLAGS)
	cmake --build $(TSAN_BUILD_DIR) -j$(JOBS)
	tests/scripts/threads_on_corpus.sh $(TSAN_BUILD_DIR)/awelint $(TSAN_CORPUS)

# New inputs that raise coverage collect in FUZZ_CORPUS, so a later run
# starts where the last one stopped (replaying a large corpus takes time of
# its own: CI starts from an empty one); failures land in
# $(FUZZ_BUILD_DIR)/artifacts. The seeds are the fixtures. FUZZ_ARGS adds
# libFuzzer flags (-jobs=N for parallel runs, -runs=N, ...).
fuzz: deps
	@command -v clang >/dev/null || { echo "fuzz: clang not installed; nothing fuzzed"; exit 1; }
	CC=clang cmake -S . -B $(FUZZ_BUILD_DIR) -DAWELINT_FUZZ=ON -DAWELINT_TESTS=OFF $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD_DIR) -j$(JOBS) --target fuzz_fix
	mkdir -p $(FUZZ_CORPUS) $(FUZZ_BUILD_DIR)/seeds $(FUZZ_BUILD_DIR)/artifacts
	cp fixtures/*.md $(FUZZ_BUILD_DIR)/seeds/
	$(FUZZ_BUILD_DIR)/fuzz/fuzz_fix $(FUZZ_CORPUS) $(FUZZ_BUILD_DIR)/seeds \
		-dict=fuzz/markdown.dict -max_len=4096 -max_total_time=$(FUZZ_SECONDS) \
		-print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD_DIR)/artifacts/ $(FUZZ_ARGS)

# Exit codes 0 and 1 (clean, findings) are the demo working; 2 is a failure.
demo: build
	@echo "== awelint fixtures/demo.md"
	@rc=0; $(AWELINT) --no-config --color always fixtures/demo.md || rc=$$?; [ $$rc -le 1 ]
	@echo
	@echo "== the diff that awelint --fix fixtures/demo.md would apply"
	@rc=0; $(AWELINT) --no-config --diff fixtures/demo.md || rc=$$?; [ $$rc -le 1 ]

install: build
	cmake --install $(BUILD_DIR)

# The benchmark measures a Release build of its own, as users install it.
BENCH_DIR ?= build-bench
bench: deps
	cmake -S . -B $(BENCH_DIR) -DCMAKE_BUILD_TYPE=Release -DAWELINT_TESTS=OFF
	cmake --build $(BENCH_DIR) -j$(JOBS) --target awelint
	python3 bench/run.py --awelint $(BENCH_DIR)/awelint --work $(BENCH_DIR)/bench

bench-links: build
	python3 bench/links.py $(AWELINT)

clean:
	rm -rf $(BUILD_DIR) $(BENCH_DIR) $(ASAN_BUILD_DIR) $(FUZZ_BUILD_DIR)
