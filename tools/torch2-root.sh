#!/usr/bin/env bash
# The libtorch 2.x lane: the project built and tested against Debian trixie's libtorch 2.6 and
# sid's 2.14, each in a debootstrap root (Debian 12 has only 1.13, and 2.x packages need a newer
# glibc and libstdc++). The host's .NET SDK and NuGet cache are bind-mounted into the roots.
#   tools/torch2-root.sh test               every lane's native, generator and managed tests, and
#                                           the CUDA path compiled against trixie's libtorch-cuda-dev
#   tools/torch2-root.sh bench [ARGS...]    interop bench in the sid root (libtorch 2.14; the torchsharp
#                                           engine's child runs on TorchSharp's own libtorch 2.10)
# The roots live in $INTEROP_ROOTS (default /var/cache/interop/roots) and are reused. Each lane
# builds in its own copy of the tree, build/torch2/SUITE, so that no 2.x shim ever reaches the
# bin/ folders where the host's 1.13 tests would load it. Needs root (debootstrap, chroot, mount).
# Measured steps and pitfalls: shared/notes/libtorch2-root.md.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly PROJECT=$PWD
readonly ROOTS=${INTEROP_ROOTS:-/var/cache/interop/roots}
readonly SUITES=(trixie sid)
readonly BENCH_SUITE=sid
readonly DOTNET_DIR=$(dirname "$(readlink -f "$(command -v dotnet)")")
readonly NUGET_DIR=${NUGET_PACKAGES:-$HOME/.nuget/packages}
# The tests' packages: libtorch and Python's torch of the suite, the toolchain, the BLAS and data
# that build.sh uses on the host (Gloo's headers among them), python3-onnx (torch 2.x's ONNX exporter needs it, 1.13's does
# not; the bench's onnxruntime engine exports with it), and what the .NET SDK needs at run time
# (ICU and OpenSSL; their versioned names are found per suite).
readonly ROOT_PACKAGES=(libtorch-dev python3-torch python3-torchvision python3-onnx g++ cmake make libgtest-dev ccache
  libopenblas0-openmp dataset-fashion-mnist ca-certificates zlib1g-dev libgloo-dev)
# trixie's contrib carries libtorch-cuda-dev, the CUDA build of the same libtorch 2.6; these of its
# packages are what compiling and linking the shim's CUDA code needs (unpack_cuda_libtorch).
readonly CUDA_SUITE=trixie
readonly CUDA_PACKAGES=(libtorch-cuda-dev libtorch-cuda-2.6 nvidia-cuda-dev nvidia-cuda-toolkit libcudart12 libnvtoolsext1)
readonly CUDA_TREE=$ROOTS/torch-cuda-2.6
# nvcc 12.4 accepts gcc 13 at most as its host compiler; the shim itself is built with the root's g++.
readonly NVCC_HOST_COMPILER=g++-13

log() { echo "== [torch2] $*"; }

install_host_packages() {
  local missing=()
  for package in debootstrap rsync; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The host's own mirror, so the roots come from wherever the host's packages come from.
host_mirror() {
  local mirror
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
  [ -z "$mirror" ] && mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  echo "${mirror:-http://deb.debian.org/debian}"
}

# Runs a command in the root $1 with a clean environment (nothing of the host's leaks in).
in_root() {
  local root=$1
  shift
  chroot "$root" env -i PATH="$DOTNET_DIR:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive CI="${CI:-}" \
    DOTNET_ROOT="$DOTNET_DIR" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 "$@"
}

# Mounts that a killed run (SIGKILL skips the trap) left under the root $1: released first, so
# that nothing is mounted twice and no rm -rf of the root reaches through a bind into the host.
release_stale_mounts() {
  local target
  for target in $(findmnt -rn -o TARGET | grep "^$1/" | sort -r); do umount -l "$target"; done
}

# Creates the root of suite $1 if needed and installs its packages. A stamp naming the package
# list marks a finished install, so a root cut short by a failure is completed on the next run.
prepare_root() {
  local suite=$1 root=$ROOTS/$1 stamp
  release_stale_mounts "$root"
  stamp="$root/.interop-packages-$(echo "${ROOT_PACKAGES[*]}" | md5sum | cut -c1-12)"
  [ -f "$stamp" ] && return
  if [ ! -x "$root/usr/bin/apt-get" ]; then
    log "$suite: creating the root in $root (debootstrap)"
    rm -rf "$root"
    mkdir -p "$ROOTS"
    debootstrap --variant=minbase "$suite" "$root" "$(host_mirror)" > "$ROOTS/$suite-debootstrap.log" 2>&1 \
      || { tail -n 20 "$ROOTS/$suite-debootstrap.log"; return 1; }
  fi
  log "$suite: installing its packages"
  # The mirror is a frozen snapshot: its Release files are past their Valid-Until date.
  echo 'Acquire::Check-Valid-Until "false";' > "$root/etc/apt/apt.conf.d/99interop-snapshot"
  echo "deb $(host_mirror) $suite main contrib non-free" > "$root/etc/apt/sources.list"
  rm -f "$root/etc/apt/sources.list.d/"*.sources
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  in_root "$root" apt-get update -q
  # ICU and libclang (for the binding generator) in the suite's default versions.
  local icu clang
  icu=$(default_dependency "$root" libicu-dev 'libicu[0-9]+')
  clang=$(default_dependency "$root" libclang-dev 'libclang-[0-9]+-dev' | tr -dc 0-9)
  in_root "$root" apt-get install -y -q --no-install-recommends "${ROOT_PACKAGES[@]}" \
    "$icu" libssl3t64 "libclang1-$clang" "libclang-common-$clang-dev"
  in_root "$root" apt-get clean
  touch "$stamp"
}

# The package matching $3 that the suite's package $2 depends on, e.g. libicu78 for libicu-dev.
default_dependency() {
  in_root "$1" apt-cache depends "$2" | sed -nE "s/^ *Depends: ($3)\$/\1/p" | head -n 1
}

MOUNTS=()
# Each lane's closing line, "SUITE: N passed, N failed", is collected here for the total.
LANE_LOG=$(mktemp)

# Binds $1 at $2 inside a root (made if missing); the extra arguments go to mount.
bind() {
  local source=$1 target=$2
  shift 2
  mkdir -p "$target"
  mount --rbind "$@" "$source" "$target"
  mount --make-rslave "$target"
  MOUNTS+=("$target")
}

# Deepest first, and also after a failure: a root left mounted cannot be deleted or re-made.
unmount_all() {
  local i
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    umount -R "${MOUNTS[$i]}" 2>/dev/null || umount -R -l "${MOUNTS[$i]}" || true
  done
  MOUNTS=()
}
trap 'unmount_all; rm -f "$LANE_LOG"' EXIT

# The system folders, the lane's tree (at the same path as on the host, so the NuGet restore
# made on the host is valid inside), the SDK (read-only) and the NuGet cache.
mount_root() {
  local root=$1 tree=$2
  mkdir -p "$root/proc"
  mount -t proc proc "$root/proc"
  MOUNTS+=("$root/proc")
  bind /sys "$root/sys"
  bind /dev "$root/dev"
  bind "$tree" "$root$tree"
  bind "$DOTNET_DIR" "$root$DOTNET_DIR" -o ro
  mkdir -p "$NUGET_DIR"
  bind "$NUGET_DIR" "$root$NUGET_DIR"
}

# A copy of the working tree for suite $1, synced at each run: tracked and untracked files but
# nothing git ignores, and the copy's own build/, bin/ and obj/ kept for incremental builds.
sync_tree() {
  local tree=$PROJECT/build/torch2/$1
  mkdir -p "$tree"
  rsync -a --delete --exclude=.git --filter=':- .gitignore' "$PROJECT/" "$tree/"
  echo "$tree"
}

# NuGet cannot reach its feed from inside a root (TLS: NU1301 UntrustedRoot), so the host restores.
restore_on_host() {
  dotnet restore "$1/Interop.sln" --nologo -v quiet
  # The bench's torchsharp engine, outside the solution: its packages carry libtorch 2.10.
  dotnet restore "$1/src/Interop.Bench.TorchSharp" --nologo -v quiet
}

# Builds the child of the bench's torchsharp engine in the root $1, in the lane's tree $2, where
# the CLI of that tree finds it. TorchSharp 0.107's native library needs GLIBCXX_3.4.32, which
# both roots' libstdc++ have (trixie 3.4.33, sid 3.4.36) and Debian 12's lacks (3.4.30), so both
# lanes run it (tests/Interop.Cli.Tests/TorchSharpEngineTests.cs).
build_torchsharp() {
  in_root "$1" dotnet build "$2/src/Interop.Bench.TorchSharp" -c Release --no-restore --nologo -v quiet --disable-build-servers
}

# The CUDA build of trixie's libtorch 2.6, unpacked (dpkg-deb, no maintainer scripts) into
# $CUDA_TREE and laid over the trixie root's /usr and /etc only while the shim is compiled.
# Installing libtorch-cuda-dev is not possible here: it pulls in nvidia-cudnn, whose installer
# downloads cuDNN from outside; and it would replace the root's CPU libtorch. CUDA_PACKAGES are
# what compiling and linking the shim needs: libtorch's CUDA headers and libraries, the CUDA
# headers and nvcc (libtorch's CMake config enables the CUDA language), cudart and NVTX. The
# large static CUDA libraries are left out (about 2.4 GB; only cudart's and cudadevrt are linked).
unpack_cuda_libtorch() {
  local root=$1 downloads=$1/var/cache/interop-cuda-debs
  [ -f "$CUDA_TREE/.unpacked" ] && return
  log "$CUDA_SUITE: downloading and unpacking ${CUDA_PACKAGES[*]} into $CUDA_TREE"
  rm -rf "$CUDA_TREE" "$downloads"
  mkdir -p "$CUDA_TREE" "$downloads"
  # As root: the unprivileged _apt user cannot write into the root's cache folder made here.
  in_root "$root" bash -c "cd /var/cache/interop-cuda-debs && apt-get download -q -o APT::Sandbox::User=root ${CUDA_PACKAGES[*]}" > /dev/null
  for deb in "$downloads"/*.deb; do
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$CUDA_TREE" --exclude='*_static*.a'
  done
  dpkg-deb --fsys-tarfile "$downloads"/nvidia-cuda-dev_*.deb | tar -x -C "$CUDA_TREE" --wildcards '*/libcudart_static.a'
  rm -rf "$downloads"
  touch "$CUDA_TREE/.unpacked"
}

# Compiles and links the shim with its CUDA code (torch/cuda.cpp) against the CUDA libtorch, in
# its own build folder. Nothing runs: there is no GPU, and cuDNN, a run-time dependency of
# libtorch_cuda, is absent. The check fails unless CMake chose the CUDA code and the shim links
# libc10_cuda.
compile_cuda() {
  local root=$ROOTS/$CUDA_SUITE tree=$1 build=build/native-cuda
  unpack_cuda_libtorch "$root"
  in_root "$root" apt-get install -y -q --no-install-recommends "$NVCC_HOST_COMPILER" > /dev/null
  local layer
  for layer in usr etc; do
    mount -t overlay overlay -o "lowerdir=$CUDA_TREE/$layer:$root/$layer" "$root/$layer"
    MOUNTS+=("$root/$layer")
  done
  log "$CUDA_SUITE: compiling and linking the shim against libtorch-cuda 2.6 (CUDA 12.4) in $build"
  in_root "$root" env CCACHE_BASEDIR="$tree" bash -ec "
    cd '$tree'
    mkdir -p $build
    cmake -S native -B $build -DCMAKE_BUILD_TYPE=Release -Wno-dev > $build/configure.log 2>&1 \\
      || { tail -n 40 $build/configure.log; exit 1; }
    cmake --build $build -j \$(nproc) --target itorch
    grep -q '^ITORCH_CUDA_BUILT:INTERNAL=ON\$' $build/CMakeCache.txt
    readelf -d $build/libitorch.so | grep -F libc10_cuda.so"
  log "$CUDA_SUITE: the CUDA shim compiled and linked"
}

run_suite_tests() {
  local suite=$1 root=$ROOTS/$1 tree
  prepare_root "$suite"
  tree=$(sync_tree "$suite")
  restore_on_host "$tree"
  mount_root "$root" "$tree"
  build_torchsharp "$root" "$tree"
  log "$suite: libtorch $(in_root "$root" dpkg-query -W -f='${Version}' libtorch-dev), python3-torch $(in_root "$root" dpkg-query -W -f='${Version}' python3-torch)"
  in_root "$root" bash -c "cd '$tree' && ./build.sh lane-test '$suite'" | tee -a "$LANE_LOG"
  if [ "$suite" = "$CUDA_SUITE" ]; then compile_cuda "$tree"; fi
  unmount_all
}

verb=${1:-}
[ $# -gt 0 ] && shift
case "$verb" in
  test)
    install_host_packages
    for suite in "${SUITES[@]}"; do run_suite_tests "$suite"; done
    # One closing line for both lanes, from each lane's "SUITE: N passed, N failed".
    awk -v suites="${SUITES[*]}" '
      BEGIN { n = split(suites, s, " "); for (i = 1; i <= n; i++) lane[s[i] ":"] = 1 }
      ($1 in lane) && $3 == "passed," && $5 == "failed" { passed += $2; failed += $4 }
      END { printf "torch2: %d passed, %d failed\n", passed, failed }' "$LANE_LOG"
    ;;
  bench)
    install_host_packages
    prepare_root "$BENCH_SUITE"
    tree=$(sync_tree "$BENCH_SUITE")
    restore_on_host "$tree"
    mount_root "$ROOTS/$BENCH_SUITE" "$tree"
    build_torchsharp "$ROOTS/$BENCH_SUITE" "$tree"
    in_root "$ROOTS/$BENCH_SUITE" bash -c "cd '$tree' && ./build.sh lane-bench $(printf '%q ' "$@")"
    # The bench ran in the lane's tree: its --out folder (default build/bench) is relative to it.
    log "report under $tree (--out, default build/bench)"
    ;;
  *)
    echo "usage: tools/torch2-root.sh test | bench [interop bench options]" >&2
    exit 2
    ;;
esac
