#!/usr/bin/env bash
# One entry point: installs what is missing, builds the shim and the managed code, runs.
#   ./build.sh              build everything, run the demo and the quick benchmark study (the main job)
#   ./build.sh test         build everything and run every test (native, the same under ASan+UBSan,
#                           a 60 s fuzz run, generator, managed)
#   ./build.sh soak         the soak and concurrency tests at full size (docs/soak.md)
#   ./build.sh fuzz         fuzz the C ABI for FUZZ_SECONDS (default 600) under ASan+UBSan
#   ./build.sh bindings     regenerate the op layer from bindings/schemas (itorch_ops.h, its shim, the C#
#                           API, docs/ops.md) and bindings/generated/*.g.cs from native/include/*.h
#   ./build.sh schemas      regenerate bindings/schemas/libtorch-MAJOR.MINOR.txt, the operator schemas of
#                           the installed libtorch (its ATen/ops/*_ops.h)
#   ./build.sh run ARGS...  run the interop CLI, e.g. ./build.sh run bench --quick
#   ./build.sh bench-micro [ARGS...]  the BenchmarkDotNet micro-benchmarks (default --filter '*')
#   ./build.sh test-torch2  the native, generator and managed tests on libtorch 2.6 (Debian trixie)
#                           and 2.14 (sid), each in a debootstrap root, and the CUDA path compiled
#                           against trixie's CUDA libtorch 2.6 (tools/torch2-root.sh; needs root)
#   ./build.sh bench-torch2 [ARGS...]  interop bench ARGS in the sid root, on libtorch 2.14
#   ./build.sh device-prepare  here: the CUDA tests as one trimmed self-contained program, and
#                           GoogleTest's sources, into build/device (about 35 MB), for a GPU machine
#   ./build.sh device-test  on that GPU machine (a pip torch with CUDA, cmake, nvcc, no .NET): the
#                           shim and its native tests built against that torch's libtorch, then every
#                           native test and the CUDA tests; with the device tool: carry build/device
# Another libtorch (a pip torch's, or one with CUDA): LIBTORCH_DIR=/path/to/libtorch ./build.sh
set -euo pipefail
cd "$(dirname "$0")"
# ccache keys on the paths it compiles; relative to the clone, a fresh clone (CI's) reuses the cache.
export CCACHE_BASEDIR=$PWD

readonly BUILD_DIR=build/native
# The sanitizer variant of the same CMake project (clang, ASan+UBSan, the libFuzzer target).
readonly SANITIZER_BUILD_DIR=build/native-asan
# What the fuzzer learns, kept between runs; the committed seeds stay in native/fuzz/corpus.
readonly FUZZ_DIR=build/fuzz
readonly CONFIG=Release
# libgloo-dev: the headers ProcessGroupGloo.hpp needs (native/torch/distributed).
readonly LIBRARY_PACKAGES=(libtorch-dev zlib1g-dev libgloo-dev libopenblas0-openmp libclang1-14 libclang-common-14-dev libgtest-dev ccache dataset-fashion-mnist)
# The Python engine of `interop bench`; the library itself does not need them.
readonly BENCH_PACKAGES=(python3-torch python3-torchvision)
# What ./build.sh device-prepare leaves for a GPU machine, and where device-test builds GoogleTest.
readonly DEVICE_DIR=build/device
# Where `./build.sh` leaves the quick study's report.
readonly QUICK_REPORT_DIR=build/bench
# clang and its runtimes for the sanitizers and libFuzzer (Debian's libtorch is g++-built, but
# clang-14 uses the same libstdc++, so the two link together).
readonly SANITIZER_PACKAGES=(clang-14 libclang-rt-14-dev)

install_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# libtorch runs its ops on OpenMP's threads. OpenBLAS's pthreads build (Debian's default when
# both are installed) keeps a second pool whose threads spin after every call, against OpenMP's:
# at 2 threads a ResNet18 inference took 16-30 ms with 90 ms tails instead of 9 ms, in C#, C++
# and Python alike. The OpenMP build runs on libgomp's pool, so it becomes the BLAS that
# libtorch (and Python's torch) load. This is a system-wide switch, announced when made.
select_openmp_blas() {
  local arch dir sudo=""
  arch=$(gcc -print-multiarch)
  dir=/usr/lib/$arch/openblas-openmp
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  for library in libopenblas.so.0 libblas.so.3 liblapack.so.3; do
    if [ "$(update-alternatives --query "$library-$arch" | sed -n 's/^Value: //p')" != "$dir/$library" ]; then
      echo "selecting OpenBLAS's OpenMP build for $library (update-alternatives)"
      $sudo update-alternatives --quiet --set "$library-$arch" "$dir/$library"
    fi
  done
}

# The library's packages and any others given, with OpenMP's OpenBLAS selected.
install_library() {
  install_packages "${LIBRARY_PACKAGES[@]}" "$@"
  select_openmp_blas
}

# Configures and builds native/ in the build dir $1, with any further CMake arguments.
build_cmake() {
  local dir=$1
  shift
  local torch_dir=()
  [ -n "${LIBTORCH_DIR:-}" ] && torch_dir=(-DLIBTORCH_DIR="$LIBTORCH_DIR")
  cmake -S native -B "$dir" -DCMAKE_BUILD_TYPE=Release "${torch_dir[@]}" "$@" > /dev/null
  cmake --build "$dir" -j "$(nproc)"
}

build_native() {
  build_cmake "$BUILD_DIR"
}

# The shim, its native tests and the fuzzer with ASan+UBSan (native/CMakeLists.txt,
# ITORCH_SANITIZE). ccache serves clang too (CMAKE_CXX_COMPILER_LAUNCHER in CMakeLists.txt).
build_sanitized() {
  build_cmake "$SANITIZER_BUILD_DIR" -DCMAKE_CXX_COMPILER=clang++-14 -DITORCH_SANITIZE=ON
}

# Runs the libFuzzer target for $1 seconds. Its chatter goes to a log; on a failure the report
# is printed and the failing input is left in $FUZZ_DIR as crash-* (replay: itorch_fuzzer FILE).
run_fuzzer() {
  local seconds=$1
  local log="$FUZZ_DIR/fuzz.log"
  mkdir -p "$FUZZ_DIR/corpus"
  # -timeout: an input that runs for seconds is a hang, not a slow machine (inputs take ms).
  if ! "$SANITIZER_BUILD_DIR/fuzz/itorch_fuzzer" -max_total_time="$seconds" -timeout=30 -print_final_stats=1 \
      -artifact_prefix="$FUZZ_DIR/" "$FUZZ_DIR/corpus" native/fuzz/corpus > "$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzzer failed: full log in $log, failing input in $FUZZ_DIR/crash-* (see docs/fuzzing.md)" >&2
    return 1
  fi
  grep -E '^#[0-9]+[[:space:]]+DONE|^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$log"
}

build_managed() {
  dotnet build Interop.sln -c "$CONFIG" --nologo -v quiet "$@"
}

# Everything generated: the op layer from the committed schema lists (ops), then the P/Invokes
# of the ABI headers. With --check, fails naming what regenerating would change.
generator() {
  local generator=(dotnet run --project bindings/Interop.Bindings -c "$CONFIG" --no-build --)
  "${generator[@]}" ops --root . "$@"
  "${generator[@]}" --header native/include/itorch.h --library itorch --namespace Interop.Torch.Native \
    --class Itorch --output bindings/generated/Itorch.g.cs "$@"
  "${generator[@]}" --header native/include/itorch_ops.h --library itorch --namespace Interop.Torch.Native \
    --class ItorchOps --output bindings/generated/ItorchOps.g.cs "$@"
  "${generator[@]}" --header native/include/itorch_bench.h --library itorch_bench --namespace Interop.Torch.Native \
    --class ItorchBench --output bindings/generated/ItorchBench.g.cs "$@"
  "${generator[@]}" --header native/include/itorch_dist.h --library itorch --namespace Interop.Torch.Native \
    --class ItorchDist --output bindings/generated/ItorchDist.g.cs "$@"
}

# The installed libtorch's MAJOR.MINOR, from the preprocessor over the C++ API's include folder
# $1: the header that defines it moved in 2.14 (torch/version.h includes torch/headeronly/version.h).
torch_version() {
  local macros
  macros=$(echo '#include <torch/version.h>' | c++ -E -dM -x c++ -I"$1" -)
  echo "$(sed -n 's/^#define TORCH_VERSION_MAJOR //p' <<< "$macros").$(sed -n 's/^#define TORCH_VERSION_MINOR //p' <<< "$macros")"
}

# The installed libtorch's operator schemas, read through libclang, against the committed list
# of its version (each version has its own: 1.13 on the host, 2.6 and 2.14 in the lanes' roots).
schemas() {
  local include=${LIBTORCH_DIR:+$LIBTORCH_DIR/include}
  include=${include:-/usr/include}
  local api=$include/torch/csrc/api/include version
  version=$(torch_version "$api")
  dotnet run --project bindings/Interop.Bindings -c "$CONFIG" --no-build -- schemas \
    --include "$include" --include "$api" --output "bindings/schemas/libtorch-$version.txt" "$@"
}

run_cli() {
  dotnet run --project src/Interop.Cli -c "$CONFIG" --no-build -- "$@"
}

# The CUDA tests run where the shim has CUDA and the machine a GPU; elsewhere the tests that
# every CUDA request is refused clearly. Each suite asserts its condition, so the wrong one fails.
has_cuda() {
  grep -q '^ITORCH_CUDA_BUILT:INTERNAL=ON$' "$BUILD_DIR/CMakeCache.txt" && nvidia-smi -L > /dev/null 2>&1
}

# The native tests of build dir $1, minus the CUDA or the no-CUDA suite, appended to the log $2;
# further arguments go to ctest.
run_native_tests() {
  local dir=$1 log=$2
  shift 2
  ctest --test-dir "$dir" --output-on-failure -E "$(native_exclude)" "$@" | tee -a "$log"
}

native_exclude() { if has_cuda; then echo '^NoCuda\.'; else echo '^Cuda\.'; fi; }

# The CUDA tests are a program of their own (tests/Interop.Cuda.Tests), run only where CUDA is;
# there the suites that check CUDA is refused are left out.
run_managed_tests() {
  local no_cuda_filter=()
  if has_cuda; then no_cuda_filter=(--filter "Category!=NoCuda"); fi
  echo "== generated bindings are up to date"
  generator --check
  echo "== schema list matches the installed libtorch"
  schemas --check
  echo "== managed tests (xunit)"
  dotnet test Interop.sln -c "$CONFIG" --no-build --nologo "${no_cuda_filter[@]}" | tee -a "$1"
  if has_cuda; then
    echo "== CUDA tests (tests/Interop.Cuda.Tests)"
    "tests/Interop.Cuda.Tests/bin/$CONFIG/net10.0/Interop.Cuda.Tests" -noColor | tee -a "$1"
  fi
}

run_tests() {
  local log
  log=$(mktemp)
  echo "== native tests (ctest)"
  run_native_tests "$BUILD_DIR" "$log"
  echo "== native tests under ASan and UBSan (ctest)"
  # Two at a time: the tests are single-threaded and ASan makes each slower.
  run_native_tests "$SANITIZER_BUILD_DIR" "$log" -j "$(nproc)"
  echo "== fuzzer over the C ABI (60 s, ASan and UBSan)"
  run_fuzzer 60
  run_managed_tests "$log"
  summarize "$log" total
}

# Inside a libtorch 2.x root (tools/torch2-root.sh): the same tests but the sanitizer build and
# the fuzzer, which keep running on the host. The closing line is labelled with the lane $1.
run_lane_tests() {
  local log
  log=$(mktemp)
  echo "== native tests (ctest), libtorch $(dpkg-query -W -f='${Version}' libtorch-dev)"
  run_native_tests "$BUILD_DIR" "$log"
  run_managed_tests "$log"
  summarize "$log" "$1"
}

# One closing line "$2: N passed, N failed" over every runner in the log $1: ctest's "N tests
# failed out of M", each xunit project's "Failed: N, Passed: N" and the xunit.v3 program's
# "Total: N, Errors: N, Failed: N, Skipped: N".
summarize() {
  awk '
    /tests failed out of/ { failed += $(NF-4); passed += $NF - $(NF-4) }
    /Failed: +[0-9]+, Passed: +[0-9]+/ {
      match($0, /Failed: +[0-9]+/); f = substr($0, RSTART + 7, RLENGTH - 7)
      match($0, /Passed: +[0-9]+/); p = substr($0, RSTART + 7, RLENGTH - 7)
      failed += f; passed += p
    }
    /Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+/ {
      for (i = 1; i < NF; i++) { key = $i; value = $(i + 1) + 0; count[key] = value }
      failed += count["Errors:"] + count["Failed:"]
      passed += count["Total:"] - count["Errors:"] - count["Failed:"] - count["Skipped:"]
    }
    END { printf "%s: %d passed, %d failed\n", label, passed, failed }' label="$2" "$1"
  rm -f "$1"
}

# The soak and concurrency tests at their full sizes (the routine test run does 1/20 of each),
# printing each one's figures.
run_soak() {
  INTEROP_SOAK_SCALE=20 dotnet test tests/Interop.Torch.Tests -c "$CONFIG" --no-build --nologo \
    --filter Category=Soak --logger "console;verbosity=detailed"
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  "")
    install_library "${BENCH_PACKAGES[@]}"
    build_native
    build_managed
    run_cli demo
    run_cli bench --quick --out "$QUICK_REPORT_DIR"
    echo "report: $QUICK_REPORT_DIR/report.md (charts and results.csv/json beside it)"
    ;;
  test)
    # The bench packages too: a test runs the benchmark harness end to end with every engine.
    install_library "${SANITIZER_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    build_native
    build_sanitized
    build_managed
    run_tests
    ;;
  fuzz)
    install_library "${SANITIZER_PACKAGES[@]}"
    build_sanitized
    run_fuzzer "${FUZZ_SECONDS:-600}"
    ;;
  bindings)
    install_packages libclang1-14
    dotnet build bindings/Interop.Bindings -c "$CONFIG" --nologo -v quiet
    generator
    ;;
  schemas)
    # libclang-common holds clang's own headers (stddef.h and the like), which libstdc++'s
    # headers include.
    install_packages libclang1-14 libclang-common-14-dev libtorch-dev
    dotnet build bindings/Interop.Bindings -c "$CONFIG" --nologo -v quiet
    schemas
    ;;
  run)
    install_library "${BENCH_PACKAGES[@]}"
    build_native
    build_managed
    run_cli "$@"
    ;;
  soak)
    install_library
    build_native
    build_managed
    run_soak
    ;;
  bench-micro)
    install_library
    build_native
    build_managed
    if [ $# -eq 0 ]; then set -- --filter '*'; fi
    # Reports and logs under build/ (ignored), not in the repository root.
    dotnet run --project tests/Interop.Benchmarks -c "$CONFIG" --no-build -- --artifacts build/BenchmarkDotNet.Artifacts "$@"
    ;;
  test-torch2)
    tools/torch2-root.sh test
    ;;
  bench-torch2)
    tools/torch2-root.sh bench "$@"
    ;;
  device-prepare)
    rm -rf "$DEVICE_DIR"
    dotnet publish tests/Interop.Cuda.Tests -c "$CONFIG" -r linux-x64 --self-contained -p:PublishTrimmed=true \
      -p:DebuggerSupport=false -p:UseSystemResourceKeys=true --nologo -v quiet -o "$DEVICE_DIR/cuda-tests"
    # The device builds its own shim, against its own libtorch.
    rm -rf "$DEVICE_DIR/cuda-tests/runtimes"
    install_packages libgtest-dev
    cp -r /usr/src/googletest "$DEVICE_DIR/googletest"
    du -sh "$DEVICE_DIR"
    ;;
  device-test)
    nvidia-smi -L
    export LIBTORCH_DIR=${LIBTORCH_DIR:-$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')}
    echo "libtorch: $LIBTORCH_DIR, torch $(python3 -c 'import torch; print(torch.__version__, "CUDA", torch.version.cuda)')"
    cmake -S "$DEVICE_DIR/googletest" -B "$DEVICE_DIR/googletest-build" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$PWD/$DEVICE_DIR/gtest" > /dev/null
    cmake --build "$DEVICE_DIR/googletest-build" -j "$(nproc)" --target install > /dev/null
    build_cmake "$BUILD_DIR" -DCMAKE_PREFIX_PATH="$PWD/$DEVICE_DIR/gtest"
    has_cuda || { echo "no CUDA: the shim was built without it, or nvidia-smi sees no GPU" >&2; exit 1; }
    # Device time is short: both suites run, whatever the first gives, and the status says if either failed.
    log=$(mktemp) status=0
    echo "== native tests (ctest)"
    run_native_tests "$BUILD_DIR" "$log" -j "$(nproc)" || status=1
    echo "== CUDA tests (tests/Interop.Cuda.Tests, published)"
    INTEROP_ITORCH_PATH="$PWD/$BUILD_DIR/libitorch.so" "$DEVICE_DIR/cuda-tests/Interop.Cuda.Tests" -noColor | tee -a "$log" || status=1
    summarize "$log" cuda
    exit "$status"
    ;;
  # The lane-* verbs run inside a root made by tools/torch2-root.sh, which installed its packages
  # and restored the NuGet packages from the host.
  lane-test)
    select_openmp_blas
    build_native
    build_managed --no-restore
    run_lane_tests "$1"
    ;;
  lane-bench)
    select_openmp_blas
    build_native
    build_managed --no-restore
    run_cli bench "$@"
    ;;
  *)
    echo "usage: ./build.sh [test | soak | fuzz | bindings | schemas | run ARGS... | bench-micro [ARGS...] | test-torch2 | bench-torch2 [ARGS...] | device-prepare | device-test]" >&2
    exit 2
    ;;
esac
