# Eddy: `make run` starts the service on its embedded defaults; `make test` runs every test.
SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= debug
SHARED ?= ../shared
APT_PACKAGES := librdkafka-dev libavro-dev libcurl4-openssl-dev libreadline-dev unixodbc-dev pkg-config
EDDY = .build/$(CONFIG)/eddy

.PHONY: deps build release run run-memory bench test unit conformance clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

# The dev stack: embedded broker, a TPC-C orders feed and examples/quickstart/*.sql; Ctrl-C stops.
run: deps
	$(SWIFT) build -c $(CONFIG) --product eddy
	$(EDDY) server --dev examples/quickstart/*.sql

# Throughput on the embedded broker; a release build, so it takes a while to compile.
bench: deps
	$(SWIFT) build -c release --product eddy
	.build/release/eddy bench

# The same quickstart idea on the in-memory engine, printing what each query saw.
run-memory: build
	$(EDDY) run examples/quickstart.sql

unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Prints the pass rate per conformance file; informative, never fails the build.
conformance: build
	@if [ -d $(SHARED)/conformance ]; then \
	  $(EDDY) test $(SHARED)/conformance/qtt --summary --report reports/conformance.json || true; \
	  $(EDDY) test $(SHARED)/conformance/rest --summary --report reports/conformance-rest.json || true; \
	else echo "no $(SHARED)/conformance beside the repo; skipped"; fi

test: unit conformance

clean:
	rm -rf .build reports
