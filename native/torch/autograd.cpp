// Autograd: marking leaves, backpropagation and the accumulated gradients.
#include <torch/types.h>
#include <vector>
// Not self-contained in 1.13: it needs torch::Tensor and std::vector declared first.
#include <torch/nn/utils/clip_grad.h>

#include "shim.hpp"
#include "unique_tensors.hpp"

using itorch::guarded;
using itorch::input;
using itorch::require;

namespace {

std::vector<at::Tensor> parameters(const itorch_tensor* const* list, int32_t count) {
  require(count >= 0, "the parameter count must not be negative");
  require(list != nullptr || count == 0, "the parameter list pointer is null");
  std::vector<at::Tensor> tensors;
  tensors.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) tensors.push_back(input(list[i], "parameters[i]"));
  return itorch::unique_tensors(tensors);
}

}  // namespace

extern "C" {

int32_t itorch_set_requires_grad(itorch_tensor* tensor, int32_t requires_grad) {
  return guarded([&] { input(tensor, "tensor").set_requires_grad(requires_grad != 0); });
}

int32_t itorch_backward(const itorch_tensor* tensor) {
  return guarded([&] { input(tensor, "tensor").backward(); });
}

int32_t itorch_grad(itorch_tensor* out, const itorch_tensor* tensor) {
  return guarded([&] { itorch::ResultSlot(out).assign(input(tensor, "tensor").grad()); });
}

int32_t itorch_clear_grad(itorch_tensor* tensor) {
  return guarded([&] { input(tensor, "tensor").mutable_grad().reset(); });
}

int32_t itorch_clip_grad_norm(const itorch_tensor* const* list, int32_t count, double max_norm, double norm_type,
                              int32_t error_if_nonfinite, double* total_norm) {
  return guarded([&] {
    require(total_norm != nullptr, "the total norm pointer is null");
    require(max_norm >= 0.0, "max_norm must not be negative");
    require(norm_type >= 0.0, "norm_type must not be negative");
    *total_norm = torch::nn::utils::clip_grad_norm_(parameters(list, count), max_norm, norm_type, error_if_nonfinite != 0);
  });
}

int32_t itorch_clip_grad_value(const itorch_tensor* const* list, int32_t count, double clip_value) {
  return guarded([&] {
    require(clip_value >= 0.0, "clip_value must not be negative");
    torch::nn::utils::clip_grad_value_(parameters(list, count), clip_value);
  });
}

}  // extern "C"
