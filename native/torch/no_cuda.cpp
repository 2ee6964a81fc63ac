// The CUDA exports of a shim built against a libtorch without CUDA (CMake picks this file or
// cuda.cpp; see native/CMakeLists.txt). Every CUDA request fails the same way, with a message
// that says why and how to get a CUDA build. Kept free of ATen headers: nothing here computes.
#include <torch/version.h>

#include "barrier.hpp"

namespace itorch {

void require_cuda() {
  throw CudaUnavailable(
      "CUDA is not available: this libtorch was built without CUDA (libtorch " TORCH_VERSION
      ", CPU only). Build the shim against a CUDA libtorch on a machine with an NVIDIA GPU: "
      "LIBTORCH_DIR=<libtorch root, e.g. a CUDA pip torch's package folder> ./build.sh");
}

}  // namespace itorch

extern "C" {

int32_t itorch_cuda_is_built(void) { return 0; }

int32_t itorch_cuda_device_count(int32_t* out) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "the out pointer is null");
    *out = 0;
  });
}

int32_t itorch_cuda_synchronize(int32_t device_index) {
  return itorch::guarded([] { itorch::require_cuda(); });
}

int32_t itorch_cuda_memory_stats(int32_t device_index, itorch_cuda_memory* out) {
  return itorch::guarded([] { itorch::require_cuda(); });
}

int32_t itorch_cuda_reset_peak_memory(int32_t device_index) {
  return itorch::guarded([] { itorch::require_cuda(); });
}

int32_t itorch_cuda_empty_cache(void) {
  return itorch::guarded([] { itorch::require_cuda(); });
}

}  // extern "C"
