// Mixed precision on the CPU: libtorch's autocast state, per thread, entered and left as
// Python's torch.autocast("cpu") scope does. 2.x names the state by device; 1.13 has CPU
// functions of its own.
#include <ATen/autocast_mode.h>
#include <torch/version.h>

#include "shim.hpp"

using itorch::guarded;
using itorch::require;

namespace {

#if TORCH_VERSION_MAJOR >= 2
bool cpu_enabled() { return at::autocast::is_autocast_enabled(at::kCPU); }
at::ScalarType cpu_dtype() { return at::autocast::get_autocast_dtype(at::kCPU); }
void set_cpu(bool enabled, at::ScalarType dtype) {
  at::autocast::set_autocast_enabled(at::kCPU, enabled);
  at::autocast::set_autocast_dtype(at::kCPU, dtype);
}
#else
bool cpu_enabled() { return at::autocast::is_cpu_enabled(); }
at::ScalarType cpu_dtype() { return at::autocast::get_autocast_cpu_dtype(); }
void set_cpu(bool enabled, at::ScalarType dtype) {
  at::autocast::set_cpu_enabled(enabled);
  at::autocast::set_autocast_cpu_dtype(dtype);
}
#endif

}  // namespace

extern "C" {

int32_t itorch_autocast_enter(int32_t dtype, int32_t* previous_enabled, int32_t* previous_dtype) {
  return guarded([&] {
    require(previous_enabled != nullptr && previous_dtype != nullptr, "the out pointers are null");
    const at::ScalarType lower = itorch::scalar_type(dtype);
    require(lower == at::kBFloat16, "CPU autocast runs in bfloat16 (ITORCH_BFLOAT16)");
    *previous_enabled = cpu_enabled() ? 1 : 0;
    *previous_dtype = static_cast<int32_t>(cpu_dtype());
    set_cpu(true, lower);
    at::autocast::increment_nesting();
  });
}

int32_t itorch_autocast_exit(int32_t previous_enabled, int32_t previous_dtype) {
  return guarded([&] {
    const at::ScalarType dtype = itorch::scalar_type(previous_dtype);
    // Leaving the outermost scope drops the weights autocast cast and kept for the scope.
    if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
    set_cpu(previous_enabled != 0, dtype);
  });
}

}  // extern "C"
