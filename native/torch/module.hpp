// Internal to the shim: the module handle. Any torch::nn module plus its forward, type-erased
// so that layers, containers and zoo models travel through one C type.
#pragma once

#include <torch/nn/module.h>

#include <functional>
#include <memory>

#include "itorch.h"

struct itorch_module {
  std::shared_ptr<torch::nn::Module> module;
  std::function<at::Tensor(const at::Tensor&)> forward;
};

namespace itorch {

itorch_module& module_of(itorch_module* handle);

// Hands a new module handle to the caller and counts it as live.
void give_module(itorch_module** out, std::shared_ptr<torch::nn::Module> module,
                 std::function<at::Tensor(const at::Tensor&)> forward);

// Wraps a torch::nn layer (a ModuleHolder such as torch::nn::Linear).
template <class Holder>
void give_layer(itorch_module** out, Holder layer) {
  auto impl = layer.ptr();
  auto* raw = impl.get();
  give_module(out, std::move(impl), [raw](const at::Tensor& x) { return raw->forward(x); });
}

}  // namespace itorch
