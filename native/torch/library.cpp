// Process- and thread-wide libtorch settings.
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <torch/version.h>

#include "barrier.hpp"

extern "C" {

const char* itorch_torch_version(void) { return TORCH_VERSION; }

int32_t itorch_manual_seed(int64_t seed) {
  return itorch::guarded([&] { at::manual_seed(static_cast<uint64_t>(seed)); });
}

int32_t itorch_set_num_threads(int32_t threads) {
  return itorch::guarded([&] {
    itorch::require(threads > 0, "the thread count must be positive");
    at::set_num_threads(threads);
  });
}

int32_t itorch_get_num_threads(void) { return at::get_num_threads(); }

int32_t itorch_is_grad_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }

void itorch_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

int32_t itorch_cuda_is_available(void) { return at::hasCUDA() ? 1 : 0; }

}  // extern "C"
