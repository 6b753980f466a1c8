# newsscribe — build, test and benchmark.
#
# The whisper.cpp engine is compiled in (build tag `whisper`) when libwhisper
# is found through `pkg-config whisper` or under $(WHISPER_PREFIX). Everything
# else is pure Go and builds and tests without it.

GO           ?= go
BIN          ?= bin/newsscribe
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := ffmpeg espeak-ng sox pkg-config postgresql chromium
# The README's examples (curl, jq) run in cmd/newsscribe's README test.
APT_PACKAGES += curl jq
# Word documents (export/docx) are checked by rendering them: LibreOffice
# (DOCX → PDF), poppler (PDF → PNG, text, page count), pandoc (DOCX → text),
# and the Noto fonts (Noto Naskh Arabic) they are set in.
APT_PACKAGES += pandoc libreoffice-writer-nogui poppler-utils fonts-noto-core
# Clips (issue 15): Tesseract's Arabic model reads burned captions back in
# clip/clip_test.go. Captions use the Noto Naskh WOFF2 the binary ships, so no
# system font package is needed.
APT_PACKAGES += tesseract-ocr tesseract-ocr-ara
# The quotation check's Arabic lexicon (issue 19): Ayaspell read by
# libhunspell, compiled in with the build tag `hunspell` (see HAVE_HUNSPELL).
APT_PACKAGES += hunspell-ar libhunspell-dev
# Node.js runs the browser test (api/web/e2e); installed from Debian only on a
# machine that lacks npm, so a newer Node already present is left alone.
NODE_PACKAGES := $(if $(shell command -v npm 2>/dev/null),,nodejs npm)
E2E_DIR      := api/web/e2e
OPENAI_NODE_DIR := api/openaitest/node
WEBHOOK_NODE_DIR := webhook/verify

# Where to find libwhisper: an explicit prefix, else pkg-config. The Go
# bindings name the libraries (-lwhisper -lggml -lggml-base -lggml-cpu, and
# OpenMP on Linux); here we only add the include and library directories.
ifdef WHISPER_PREFIX
  export CGO_CFLAGS  += -I$(WHISPER_PREFIX)/include
  export CGO_LDFLAGS += -L$(WHISPER_PREFIX)/lib -Wl,-rpath,$(WHISPER_PREFIX)/lib
  HAVE_WHISPER := $(shell [ -f "$(WHISPER_PREFIX)/include/whisper.h" ] && echo yes)
else
  HAVE_WHISPER := $(shell pkg-config --exists whisper 2>/dev/null && echo yes)
  ifeq ($(HAVE_WHISPER),yes)
    export CGO_CFLAGS  += $(shell pkg-config --cflags-only-I whisper)
    export CGO_LDFLAGS += $(shell pkg-config --libs-only-L whisper)
  endif
endif
# libhunspell (the quotation check's lexicon, package quotecheck/hunspell):
# tag `hunspell` when pkg-config finds it; without it the check cannot tell
# another real word from a spelling slip and says so.
HAVE_HUNSPELL := $(shell pkg-config --exists hunspell 2>/dev/null && echo yes)
TAGS ?= $(subst $(eval) ,$(COMMA),$(strip $(if $(filter yes,$(HAVE_WHISPER)),whisper) $(if $(filter yes,$(HAVE_HUNSPELL)),hunspell)))
COMMA := ,

.PHONY: all build build-noengine check-whisper deps test lint bench bench-audio bench-asr bench-clip clean e2e-deps openai-deps webhook-deps

all: build

## build: the whisper-enabled binary (stops with advice when libwhisper is missing)
build: check-whisper
	$(GO) build -tags '$(TAGS)' -o $(BIN) ./cmd/newsscribe

## build-noengine: a binary without the speech engine (audio, align, models only)
build-noengine:
	$(GO) build -tags '$(filter hunspell,$(subst $(COMMA), ,$(TAGS)))' -o $(BIN) ./cmd/newsscribe

check-whisper:
	@if [ "$(HAVE_WHISPER)" != yes ]; then \
	  echo "make: libwhisper (>= 1.8.3) not found by 'pkg-config whisper' nor under WHISPER_PREFIX."; \
	  echo "      Debian 12 has no package for it: build upstream whisper.cpp with the one command in README.md,"; \
	  echo "      section Getting libwhisper (Homebrew: whisper-cpp; a distribution's libwhisper-dev >= 1.8.3 also does),"; \
	  echo "      set WHISPER_PREFIX=/its/prefix, or run 'make build-noengine' for a binary without transcription."; \
	  exit 1; \
	fi

## deps: system packages the project and its tests need (Debian/Ubuntu)
deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) $(NODE_PACKAGES)

## test: formatting, vet and the race-enabled test suite (with the browser test
## when Node and Chromium are present)
##
## The budget: the whole run in at most 8 minutes on an idle 2-core machine,
## no package over 3 (the API's, the slowest, is about 3 with the race
## detector). Independent tests run in parallel, TEST_PARALLEL at a time
## within a package: most of them wait on a queue, a process or a socket,
## not on the CPU; process tests and the browser test run whole and alone.
## The evaluations of align/eval (rates over thousands of simulated cases)
## skip under the race detector and run once more without it (about 3
## minutes). TEST_TIMEOUT stops a package that hangs; it is set well above the
## per-package budget: a machine shared with other work slows every package
## two- to fourfold (the API's was seen at 9.6 minutes at a load of 20), and
## a busy machine must still pass.
TEST_PARALLEL ?= 4
TEST_TIMEOUT  ?= 20m
test: lint e2e-deps openai-deps webhook-deps
	$(GO) test -race -tags '$(TAGS)' -parallel $(TEST_PARALLEL) -timeout $(TEST_TIMEOUT) ./...
	$(GO) test -tags '$(TAGS)' -timeout $(TEST_TIMEOUT) -run 'Targets' ./align/eval

## lint: gofmt check and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags '$(TAGS)' ./...

## e2e-deps: the browser test's npm packages (playwright-core, pinned by the
## lock file), reinstalled only when the lock file changes; skipped without npm
e2e-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "make: npm not found; the browser test will skip (make deps installs it)"; \
	elif [ ! -f $(E2E_DIR)/node_modules/.package-lock.json ] || \
	     [ $(E2E_DIR)/package-lock.json -nt $(E2E_DIR)/node_modules/.package-lock.json ]; then \
	  npm ci --prefix $(E2E_DIR) --no-audit --no-fund; \
	fi

## openai-deps: the OpenAI Node SDK (openai, pinned by the lock file) for the
## SDK conformance test api/openai_sdk_test.go; like e2e-deps
openai-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "make: npm not found; the OpenAI Node SDK test will skip (make deps installs it)"; \
	elif [ ! -f $(OPENAI_NODE_DIR)/node_modules/.package-lock.json ] || \
	     [ $(OPENAI_NODE_DIR)/package-lock.json -nt $(OPENAI_NODE_DIR)/node_modules/.package-lock.json ]; then \
	  npm ci --prefix $(OPENAI_NODE_DIR) --no-audit --no-fund; \
	fi

## webhook-deps: the Standard Webhooks reference library (standardwebhooks,
## pinned by the lock file) that verifies signatures in api/webhook_test.go
webhook-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "make: npm not found; the webhook signature test will skip (make deps installs it)"; \
	elif [ ! -f $(WEBHOOK_NODE_DIR)/node_modules/.package-lock.json ] || \
	     [ $(WEBHOOK_NODE_DIR)/package-lock.json -nt $(WEBHOOK_NODE_DIR)/node_modules/.package-lock.json ]; then \
	  npm ci --prefix $(WEBHOOK_NODE_DIR) --no-audit --no-fund; \
	fi

## bench: all Go benchmarks
bench:
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin

## bench-asr: newsscribe vs whisper-cli on one file, side by side, VAD off and on.
##   make bench-asr MODEL=path/or/name AUDIO=clip.wav [THREADS=2] [BEAM=1] [ASR_LANG=ar] [RUNS=3] [FALLBACK=0] [VAD_MODEL=...]
##   Without AUDIO it synthesises a 2-minute Arabic clip with pauses (make bench-clip).
SHARED    ?= ../shared
MODEL     ?= $(SHARED)/whisper/for-tests-ggml-small.bin
VAD_MODEL ?= $(SHARED)/whisper/for-tests-silero-v6.2.0-ggml.bin
AUDIO     ?= artifacts/bench/arabic-2m.wav
THREADS   ?= 2
BEAM      ?= 1
ASR_LANG  ?= ar
RUNS      ?= 3
FALLBACK  ?= 0
bench-asr: build
	@[ -f "$(AUDIO)" ] || $(MAKE) --no-print-directory bench-clip AUDIO=$(AUDIO)
	cmd/bench/bench-asr.sh "$(BIN)" "$(MODEL)" "$(VAD_MODEL)" "$(AUDIO)" "$(THREADS)" "$(BEAM)" "$(ASR_LANG)" "$(RUNS)" "$(FALLBACK)"

## bench-clip: a 2-minute 16 kHz Arabic WAV, espeak-ng sentences with 5-second pauses
bench-clip:
	cmd/bench/bench-clip.sh "$(AUDIO)"

## bench-audio: newsscribe audio convert vs ffmpeg alone on ten minutes of 44.1 kHz stereo WAV and MP3
BENCH_AUDIO_DIR ?= $(CURDIR)/bin/bench-audio
bench-audio: build-noengine
	mkdir -p $(BENCH_AUDIO_DIR)
	$(GO) run ./audio/internal/benchaudio -bin $(BIN) -dir $(BENCH_AUDIO_DIR) -n 7

## bench-video-clip: time to make a 30-second 9:16 card with burned, highlighted
## captions, per second of clip (s/clip-s; below 1 is faster than real time)
.PHONY: bench-video-clip
bench-video-clip:
	$(GO) test -run '^$$' -bench Vertical30s -benchtime 3x ./clip

## bench-models: cost per minute of audio of each Whisper release's shape
## (whisper.cpp stubs; wall and CPU seconds, 1 and 2 threads; README "Models")
.PHONY: bench-models
bench-models:
	$(GO) test -tags whisper -run '^$$' -bench ModelShapes -benchtime 1x -timeout 60m ./transcribe/whisper

## eval-align: the aligner's evaluation table (recall, false alarms, timing error; newsscribe vs a difflib baseline)
.PHONY: eval-align
eval-align:
	$(GO) run -tags '$(TAGS)' ./align/eval/cmd/evalalign -dir align/testdata/eval -shared ../shared/articles

## eval-quotes: the quote check's evaluation table (verdict accuracy, false accusations, misquotes found, speakers)
.PHONY: eval-quotes
eval-quotes:
	$(GO) run -tags '$(TAGS)' ./align/eval/cmd/evalquotes -dir align/testdata/eval -shared ../shared/articles
