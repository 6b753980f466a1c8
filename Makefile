# newsscribe — build, test and benchmark.
#
# The whisper.cpp engine is compiled in (build tag `whisper`) when libwhisper
# is found through `pkg-config whisper` or under $(WHISPER_PREFIX). Everything
# else is pure Go and builds and tests without it.

GO           ?= go
BIN          ?= bin/newsscribe
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := ffmpeg espeak-ng sox pkg-config postgresql

# Where to find libwhisper: pkg-config first, then an explicit prefix.
ifdef WHISPER_PREFIX
  export CGO_CFLAGS  += -I$(WHISPER_PREFIX)/include
  export CGO_LDFLAGS += -L$(WHISPER_PREFIX)/lib
  export PKG_CONFIG_PATH := $(WHISPER_PREFIX)/lib/pkgconfig:$(PKG_CONFIG_PATH)
  HAVE_WHISPER := $(shell [ -f "$(WHISPER_PREFIX)/include/whisper.h" ] && echo yes)
else
  HAVE_WHISPER := $(shell pkg-config --exists whisper 2>/dev/null && echo yes)
endif
ifeq ($(HAVE_WHISPER),yes)
  TAGS ?= whisper
endif

.PHONY: all build build-noengine check-whisper deps test lint bench bench-audio clean

all: build

## build: the whisper-enabled binary (stops with advice when libwhisper is missing)
build: check-whisper
	$(GO) build -tags '$(TAGS)' -o $(BIN) ./cmd/newsscribe

## build-noengine: a binary without the speech engine (audio, align, models only)
build-noengine:
	$(GO) build -o $(BIN) ./cmd/newsscribe

check-whisper:
	@if [ "$(HAVE_WHISPER)" != yes ]; then \
	  echo "make: libwhisper (>= 1.8.3) not found by 'pkg-config whisper' nor under WHISPER_PREFIX."; \
	  echo "      Install it (Debian testing: libwhisper-dev; Homebrew: whisper-cpp; or upstream's CMake build, see README),"; \
	  echo "      set WHISPER_PREFIX=/its/prefix, or run 'make build-noengine' for a binary without transcription."; \
	  exit 1; \
	fi

## deps: system packages the project and its tests need (Debian/Ubuntu)
deps:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES)

## test: formatting, vet and the race-enabled test suite
test: lint
	$(GO) test -race -tags '$(TAGS)' ./...

## lint: gofmt check and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet -tags '$(TAGS)' ./...

## bench: all Go benchmarks
bench:
	$(GO) test -tags '$(TAGS)' -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin

## bench-audio: newsscribe audio convert vs ffmpeg alone on ten minutes of 44.1 kHz stereo WAV and MP3
BENCH_AUDIO_DIR ?= $(CURDIR)/bin/bench-audio
bench-audio: build-noengine
	mkdir -p $(BENCH_AUDIO_DIR)
	$(GO) run ./audio/internal/benchaudio -bin $(BIN) -dir $(BENCH_AUDIO_DIR) -n 5
