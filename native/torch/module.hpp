// Internal to the shim: the module handle. One C type carries every kind of module the shim
// runs: torch::nn modules (layers, containers, zoo models) and TorchScript modules loaded from
// a file. Each kind implements the interface below, so the module exports never ask which
// kind they hold. The TorchScript kind lives in script.cpp, the one file that pays for
// <torch/script.h>.
#pragma once

#include <torch/nn/module.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "barrier.hpp"
#include "itorch.h"

namespace itorch {

// One level of a module's persistent state, laid out as libtorch's Module::save writes it:
// the level's own parameters and buffers by name, then one nested level per child module.
// The tensors share storage with the module.
struct ModuleState {
  std::vector<std::pair<std::string, at::Tensor>> parameters;
  std::vector<std::pair<std::string, at::Tensor>> buffers;
  std::vector<std::pair<std::string, ModuleState>> children;
};

}  // namespace itorch

struct itorch_module {
  virtual ~itorch_module() = default;

  virtual at::Tensor forward(const at::Tensor& input) = 0;
  // Sets training (true) or evaluation (false) mode on the module and all its children.
  virtual void train(bool on) = 0;
  virtual bool is_training() const = 0;
  // Moves the parameters and buffers.
  virtual void to(const at::Device& device) = 0;
  // The parameters of the module and its children in registration order, sharing storage.
  virtual std::vector<at::Tensor> parameters() const = 0;
  virtual itorch::ModuleState state() const = 0;
  // The layer tree as PyTorch's print(model) writes it.
  virtual std::string describe() const = 0;
  // The rows of itorch_module_summary_rows, from the running summary trace; `self` is this
  // handle, the key under which itorch_module_forward remembers the module's output.
  virtual std::string summary_rows(const itorch_module* self) const = 0;
};

namespace itorch {

inline itorch_module& module_of(itorch_module* handle) {
  require(handle != nullptr, "the module handle is null");
  return *handle;
}

// Hands a new handle to the caller and counts it as live.
void give(itorch_module** out, std::unique_ptr<itorch_module> handle);

// Hands the caller a handle over a torch::nn module and its forward.
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
