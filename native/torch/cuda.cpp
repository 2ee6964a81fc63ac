// The CUDA exports of a shim built against a libtorch with CUDA (CMake picks this file or
// no_cuda.cpp; see native/CMakeLists.txt). Such a binary also serves machines without a usable
// GPU: every call checks that libtorch sees a device and otherwise gives CudaUnavailable.
//
// Written against the API common to libtorch 1.13 and 2.x: getDeviceStats, resetPeakStats and
// emptyCache of c10::cuda::CUDACachingAllocator (their device argument went from int to
// c10::DeviceIndex, and emptyCache gained a defaulted argument), c10::cuda::device_synchronize.
#include <ATen/ATen.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>
#include <torch/version.h>

#include <string>

#include "shim.hpp"

namespace itorch {

void require_cuda() {
  if (!at::hasCUDA()) {
    if (c10::cuda::device_count() > 0) {
      throw CudaUnavailable(
          "CUDA is not available: a CUDA device is present, but libtorch's CUDA backend (libtorch_cuda) "
          "was not loaded with the shim; link it with -Wl,--no-as-needed (cmake/FindLibTorch.cmake does).");
    }
    throw CudaUnavailable(
        "CUDA is not available: no CUDA device is present. This shim was built against libtorch " TORCH_VERSION
        " with CUDA, but libtorch sees no usable device: check the NVIDIA driver (nvidia-smi) and "
        "CUDA_VISIBLE_DEVICES.");
  }
}

}  // namespace itorch

namespace {

// The device `device_index` names (-1: the current one), checked against the devices present,
// with libtorch's CUDA state and caching allocator set up. Those are set up lazily by the first
// CUDA tensor, and the allocator's statistics calls reject a device it has not set up; making
// an empty tensor does it on every libtorch version (the explicit init call was renamed in 2.x).
c10::DeviceIndex cuda_device(int32_t device_index) {
  itorch::require_cuda();
  const int64_t count = c10::cuda::device_count();
  if (device_index < -1 || device_index >= count) {
    throw itorch::InvalidArgument("CUDA device index " + std::to_string(device_index) + " is out of range; " +
                                  std::to_string(count) + " device(s) present");
  }
  const c10::DeviceIndex index =
      device_index < 0 ? c10::cuda::current_device() : static_cast<c10::DeviceIndex>(device_index);
  (void)at::empty({0}, at::TensorOptions().dtype(at::kByte).device(at::kCUDA, index));
  return index;
}

// The figure over all pools: StatType::AGGREGATE, index 0 in every version (the enum moved
// between namespaces in 2.x).
constexpr size_t aggregate = 0;

}  // namespace

extern "C" {

int32_t itorch_cuda_is_built(void) { return 1; }

int32_t itorch_cuda_device_count(int32_t* out) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "the out pointer is null");
    *out = static_cast<int32_t>(c10::cuda::device_count());
  });
}

int32_t itorch_cuda_synchronize(int32_t device_index) {
  return itorch::guarded([&] {
    const c10::cuda::CUDAGuard guard(cuda_device(device_index));
    c10::cuda::device_synchronize();
  });
}

int32_t itorch_cuda_memory_stats(int32_t device_index, itorch_cuda_memory* out) {
  return itorch::guarded([&] {
    const c10::DeviceIndex index = cuda_device(device_index);
    itorch::require(out != nullptr, "the out pointer is null");
    const auto stats = c10::cuda::CUDACachingAllocator::getDeviceStats(index);
    out->allocated_bytes = stats.allocated_bytes[aggregate].current;
    out->reserved_bytes = stats.reserved_bytes[aggregate].current;
    out->peak_allocated_bytes = stats.allocated_bytes[aggregate].peak;
    out->peak_reserved_bytes = stats.reserved_bytes[aggregate].peak;
  });
}

int32_t itorch_cuda_reset_peak_memory(int32_t device_index) {
  return itorch::guarded([&] { c10::cuda::CUDACachingAllocator::resetPeakStats(cuda_device(device_index)); });
}

int32_t itorch_cuda_empty_cache(void) {
  return itorch::guarded([] {
    itorch::require_cuda();
    c10::cuda::CUDACachingAllocator::emptyCache();
  });
}

}  // extern "C"
