// Tensors over memory the caller owns (Tensor.FromArray, FromMemory, FromPointer): libtorch
// did not allocate it and gives it back only by calling the caller's release function.
#pragma once

#include <ATen/ATen.h>

#include <memory>

#include "itorch.h"

namespace itorch {

// The caller's release function and context, run exactly once: when this is destroyed, or,
// once passed to wrap_caller_memory, when the storage goes.
using CallerRelease = std::unique_ptr<void, void (*)(void*)>;

// Holds (release, context). Out of memory, it runs release at once and throws.
CallerRelease hold_release(itorch_release_fn release, void* context);

// A CPU tensor over `data`, of `sizes` and `type`, whose storage owns `release`.
at::Tensor wrap_caller_memory(void* data, at::IntArrayRef sizes, at::ScalarType type, CallerRelease release);

// True when the tensor's storage is caller memory (also for a view of such a tensor).
bool is_caller_memory(const at::Tensor& tensor) noexcept;

}  // namespace itorch
