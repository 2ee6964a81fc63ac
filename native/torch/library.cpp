// Process- and thread-wide libtorch settings.
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <c10/core/GradMode.h>
#include <dlfcn.h>
#include <torch/version.h>

#include "barrier.hpp"

namespace {

// A libtorch that does its matrix products in OpenBLAS (Debian's does) leaves OpenBLAS's own
// thread pool at one thread per core whatever at::set_num_threads says; pinned to fewer cores,
// those threads spin against each other (a SimpleNN step took 450 us instead of 270 us). The
// symbol is looked up at run time: another BLAS (MKL, the reference BLAS) has none. Sizing it
// is not enough with OpenBLAS's pthreads build, whose idle threads still spin against
// OpenMP's; build.sh selects the OpenMP build, which shares libgomp's threads.
void set_blas_threads(int32_t threads) {
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

}  // namespace

extern "C" {

const char* itorch_torch_version(void) { return TORCH_VERSION; }

int32_t itorch_manual_seed(int64_t seed) {
  return itorch::guarded([&] { at::manual_seed(static_cast<uint64_t>(seed)); });
}

int32_t itorch_set_num_threads(int32_t threads) {
  return itorch::guarded([&] {
    itorch::require(threads > 0, "the thread count must be positive");
    at::set_num_threads(threads);
    set_blas_threads(threads);
  });
}

int32_t itorch_get_num_threads(void) { return at::get_num_threads(); }

int32_t itorch_is_grad_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }

void itorch_set_grad_enabled(int32_t enabled) { c10::GradMode::set_enabled(enabled != 0); }

int32_t itorch_cuda_is_available(void) { return at::hasCUDA() ? 1 : 0; }

}  // extern "C"
