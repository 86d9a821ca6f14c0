# zkfl — the commands a new user runs. Each target installs the Debian
# packages it needs (only those missing), configures and builds.
#
#   make demo      build (Release), simulate the hospitals federation, audit its run
#   make test      build (Release) and run every test
#   make sanitize  build with ASan+UBSan and run the unit tests
#   make bench     build (Release) and run the benchmarks
#   make clean     remove the build folders

BUILD_DIR    ?= build
SANITIZE_DIR ?= build-sanitize
JOBS         ?= $(shell nproc)
CMAKE_FLAGS  ?=

DEBIAN_PACKAGES := cmake make g++ pkg-config libssl-dev libgtest-dev libbenchmark-dev \
                   nlohmann-json3-dev libcli11-dev libtorch-dev libtomlplusplus-dev libexpat1-dev \
                   libzmq3-dev cppzmq-dev libcereal-dev libsqlite3-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build demo test sanitize bench clean

all: build

deps:
	@missing=""; \
	for pkg in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "zkfl: installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: build
	$(BUILD_DIR)/cli/zkfl simulate configs/hospitals.toml
	$(BUILD_DIR)/cli/zkfl audit runs/hospitals/run.db

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DZKFL_SANITIZE=ON -DZKFL_BUILD_BENCH=OFF -DZKFL_BUILD_TORCH=OFF $(CMAKE_FLAGS)
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	cd $(SANITIZE_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -L unit -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/zkfl_bench --benchmark_counters_tabular=true

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)
