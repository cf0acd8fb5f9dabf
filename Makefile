# A thin wrapper over CMake, as neovim's top-level Makefile is: every target
# installs the Debian packages that are missing, configures and builds into
# build/, then does its one job.
#
#   make demo     awelint on a bundled list with defects: findings, then the diff --fix would apply
#   make test     the whole test suite through ctest
#   make install  cmake --install (PREFIX=/usr/local)
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

.PHONY: all deps build test demo install clean bench-links

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

# Exit codes 0 and 1 (clean, findings) are the demo working; 2 is a failure.
demo: build
	@echo "== awelint fixtures/demo.md"
	@rc=0; $(AWELINT) --no-config --color always fixtures/demo.md || rc=$$?; [ $$rc -le 1 ]
	@echo
	@echo "== the diff that awelint --fix fixtures/demo.md would apply"
	@rc=0; $(AWELINT) --no-config --diff fixtures/demo.md || rc=$$?; [ $$rc -le 1 ]

install: build
	cmake --install $(BUILD_DIR)

bench-links: build
	python3 bench/links.py $(AWELINT)

clean:
	rm -rf $(BUILD_DIR)
