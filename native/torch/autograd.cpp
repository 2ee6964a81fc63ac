// Autograd: marking leaves, backpropagation and the accumulated gradients.
#include "shim.hpp"

using itorch::guarded;
using itorch::input;

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

}  // extern "C"
