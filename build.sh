#!/usr/bin/env bash
# One entry point: installs what is missing, builds the shim and the managed code, runs.
#   ./build.sh              build everything and run the demo (the main job)
#   ./build.sh test         build everything and run every test (native, generator, managed)
#   ./build.sh bindings     regenerate bindings/generated/*.g.cs from native/include/*.h
#   ./build.sh run ARGS...  run the interop CLI, e.g. ./build.sh run bench op
# Another libtorch (a pip torch's, or one with CUDA): LIBTORCH_DIR=/path/to/libtorch ./build.sh
set -euo pipefail
cd "$(dirname "$0")"

readonly BUILD_DIR=build/native
readonly CONFIG=Release
readonly LIBRARY_PACKAGES=(libtorch-dev libopenblas0-pthread libclang1-14 libgtest-dev ccache dataset-fashion-mnist)
readonly BENCH_PACKAGES=(python3-torch)

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

build_native() {
  local torch_dir=()
  [ -n "${LIBTORCH_DIR:-}" ] && torch_dir=(-DLIBTORCH_DIR="$LIBTORCH_DIR")
  cmake -S native -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "${torch_dir[@]}" > /dev/null
  cmake --build "$BUILD_DIR" -j "$(nproc)"
}

build_managed() {
  dotnet build Interop.sln -c "$CONFIG" --nologo -v quiet
}

generator() {
  dotnet run --project bindings/Interop.Bindings -c "$CONFIG" --no-build -- \
    --header native/include/itorch.h --library itorch --namespace Interop.Torch.Native --class Itorch \
    --output bindings/generated/Itorch.g.cs "$@"
}

run_cli() {
  dotnet run --project src/Interop.Cli -c "$CONFIG" --no-build -- "$@"
}

run_tests() {
  local log
  log=$(mktemp)
  echo "== native tests (ctest)"
  ctest --test-dir "$BUILD_DIR" --output-on-failure | tee "$log"
  echo "== generated bindings are up to date"
  generator --check
  echo "== managed tests (xunit)"
  dotnet test Interop.sln -c "$CONFIG" --no-build --nologo | tee -a "$log"
  summarize "$log"
}

# One closing line over every runner: ctest's "N tests failed out of M" and each xunit
# project's "Failed: N, Passed: N".
summarize() {
  awk '
    /tests failed out of/ { failed += $(NF-4); passed += $NF - $(NF-4) }
    /Failed: +[0-9]+, Passed: +[0-9]+/ {
      match($0, /Failed: +[0-9]+/); f = substr($0, RSTART + 7, RLENGTH - 7)
      match($0, /Passed: +[0-9]+/); p = substr($0, RSTART + 7, RLENGTH - 7)
      failed += f; passed += p
    }
    END { printf "total: %d passed, %d failed\n", passed, failed }' "$1"
  rm -f "$1"
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
  "")
    install_packages "${LIBRARY_PACKAGES[@]}"
    build_native
    build_managed
    run_cli demo
    ;;
  test)
    install_packages "${LIBRARY_PACKAGES[@]}"
    build_native
    build_managed
    run_tests
    ;;
  bindings)
    install_packages libclang1-14
    dotnet build bindings/Interop.Bindings -c "$CONFIG" --nologo -v quiet
    generator
    ;;
  run)
    install_packages "${LIBRARY_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    build_native
    build_managed
    run_cli "$@"
    ;;
  *)
    echo "usage: ./build.sh [test | bindings | run ARGS...]" >&2
    exit 2
    ;;
esac
