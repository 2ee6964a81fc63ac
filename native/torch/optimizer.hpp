// Internal to the shim: the optimizer handle, shared by the optimizer exports and the
// benchmark loops (libitorch_bench.so) that step the very same optimizer.
#pragma once

#include <torch/optim/optimizer.h>

#include <memory>

#include "barrier.hpp"
#include "itorch.h"

struct itorch_optimizer {
  std::unique_ptr<torch::optim::Optimizer> optimizer;
};

namespace itorch {

inline torch::optim::Optimizer& optimizer_of(itorch_optimizer* handle) {
  require(handle != nullptr, "the optimizer handle is null");
  return *handle->optimizer;
}

// Clears the gradients by setting them to none: libtorch 1.13's zero_grad() zeroes them and
// 2.x's sets them to none, and PyTorch's default is none.
inline void clear_gradients(torch::optim::Optimizer& optimizer) {
  for (auto& group : optimizer.param_groups()) {
    for (auto& parameter : group.params()) parameter.mutable_grad().reset();
  }
}

}  // namespace itorch
