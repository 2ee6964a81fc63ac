// libtorch's native optimizers behind an opaque handle.
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>

#include <memory>
#include <vector>

#include "handles.hpp"
#include "optimizer.hpp"
#include "shim.hpp"
#include "unique_tensors.hpp"

using itorch::guarded;
using itorch::require;

namespace {

// Each tensor once: a tensor listed twice (a layer used twice in a model) would be updated
// twice per step.
std::vector<at::Tensor> parameter_list(const itorch_tensor* const* parameters, int32_t count) {
  require(count > 0, "an optimizer needs at least one parameter tensor");
  require(parameters != nullptr, "the parameter list pointer is null");
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) list.push_back(itorch::input(parameters[i], "parameters[i]"));
  return itorch::unique_tensors(list);
}

template <class Use>
std::tuple<double, double> first_beta(std::tuple<double, double> betas, Use use) {
  use(std::get<0>(betas));
  require(std::get<0>(betas) < 1.0, "Adam's first beta (its momentum) must be below 1");
  return betas;
}

// What PyTorch's schedulers call momentum: SGD's, or Adam's and AdamW's first beta.
template <class Use>
void with_momentum(torch::optim::OptimizerOptions& options, Use use) {
  if (auto* sgd = dynamic_cast<torch::optim::SGDOptions*>(&options)) {
    double momentum = sgd->momentum();
    use(momentum);
    sgd->momentum(momentum);
  } else if (auto* adam = dynamic_cast<torch::optim::AdamOptions*>(&options)) {
    adam->betas(first_beta(adam->betas(), use));
  } else if (auto* adamw = dynamic_cast<torch::optim::AdamWOptions*>(&options)) {
    adamw->betas(first_beta(adamw->betas(), use));
  } else {
    throw itorch::InvalidArgument("this optimizer has no momentum");
  }
}

// Sets the weight decay of one group's options, whichever of the shim's optimizers they belong to.
void set_weight_decay(torch::optim::OptimizerOptions& options, double weight_decay) {
  if (auto* sgd = dynamic_cast<torch::optim::SGDOptions*>(&options)) {
    sgd->weight_decay(weight_decay);
  } else if (auto* adam = dynamic_cast<torch::optim::AdamOptions*>(&options)) {
    adam->weight_decay(weight_decay);
  } else if (auto* adamw = dynamic_cast<torch::optim::AdamWOptions*>(&options)) {
    adamw->weight_decay(weight_decay);
  } else {
    throw itorch::InvalidArgument("this optimizer has no weight decay");
  }
}

void give(itorch_optimizer** out, std::unique_ptr<torch::optim::Optimizer> optimizer) {
  *out = new itorch_optimizer{std::move(optimizer)};
  itorch::handle_created();
}

}  // namespace

extern "C" {

int32_t itorch_optimizer_sgd(itorch_optimizer** out, const itorch_tensor* const* parameters, int32_t count,
                             double learning_rate, double momentum, double weight_decay, int32_t nesterov) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    auto options = torch::optim::SGDOptions(learning_rate).momentum(momentum).weight_decay(weight_decay).nesterov(nesterov != 0);
    give(out, std::make_unique<torch::optim::SGD>(parameter_list(parameters, count), options));
  });
}

int32_t itorch_optimizer_adam(itorch_optimizer** out, const itorch_tensor* const* parameters, int32_t count,
                              double learning_rate, double beta1, double beta2, double eps, double weight_decay,
                              int32_t decoupled) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    auto list = parameter_list(parameters, count);
    if (decoupled != 0) {
      auto options = torch::optim::AdamWOptions(learning_rate).betas({beta1, beta2}).eps(eps).weight_decay(weight_decay);
      give(out, std::make_unique<torch::optim::AdamW>(std::move(list), options));
    } else {
      auto options = torch::optim::AdamOptions(learning_rate).betas({beta1, beta2}).eps(eps).weight_decay(weight_decay);
      give(out, std::make_unique<torch::optim::Adam>(std::move(list), options));
    }
  });
}

void itorch_optimizer_free(itorch_optimizer* optimizer) {
  if (optimizer == nullptr) return;
  delete optimizer;
  itorch::handle_freed();
}

int32_t itorch_optimizer_zero_grad(itorch_optimizer* optimizer) {
  return guarded([&] { itorch::clear_gradients(itorch::optimizer_of(optimizer)); });
}

int32_t itorch_optimizer_step(itorch_optimizer* optimizer) {
  return guarded([&] { itorch::optimizer_of(optimizer).step(); });
}

int32_t itorch_optimizer_get_learning_rate(itorch_optimizer* optimizer, double* out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = itorch::optimizer_of(optimizer).param_groups().at(0).options().get_lr();
  });
}

int32_t itorch_optimizer_set_learning_rate(itorch_optimizer* optimizer, double learning_rate) {
  return guarded([&] {
    require(learning_rate >= 0.0, "the learning rate must not be negative");
    for (auto& group : itorch::optimizer_of(optimizer).param_groups()) group.options().set_lr(learning_rate);
  });
}

int32_t itorch_optimizer_get_momentum(itorch_optimizer* optimizer, double* out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    with_momentum(itorch::optimizer_of(optimizer).param_groups().at(0).options(), [&](double& momentum) { *out = momentum; });
  });
}

int32_t itorch_optimizer_set_momentum(itorch_optimizer* optimizer, double momentum) {
  return guarded([&] {
    require(momentum >= 0.0, "the momentum must not be negative");
    for (auto& group : itorch::optimizer_of(optimizer).param_groups()) {
      with_momentum(group.options(), [&](double& value) { value = momentum; });
    }
  });
}

int32_t itorch_optimizer_add_parameter_group(itorch_optimizer* optimizer, const itorch_tensor* const* parameters,
                                             int32_t count, const double* weight_decay) {
  return guarded([&] {
    torch::optim::Optimizer& target = itorch::optimizer_of(optimizer);
    std::vector<at::Tensor> list = parameter_list(parameters, count);
    for (const auto& group : target.param_groups()) {
      for (const at::Tensor& existing : group.params()) {
        for (const at::Tensor& added : list) {
          require(!existing.is_same(added), "a parameter tensor is already in one of the optimizer's groups; "
                                            "each tensor belongs to one group");
        }
      }
    }
    require(weight_decay == nullptr || *weight_decay >= 0.0, "the weight decay must not be negative");
    // The group starts from the first group's settings, as PyTorch's add_param_group takes the defaults.
    target.add_param_group(torch::optim::OptimizerParamGroup(std::move(list), target.param_groups().at(0).options().clone()));
    // Set once added: libtorch 2.14's add_param_group replaces a setting equal to its options'
    // constructor default (SGD's weight decay 0) by the optimizer's.
    if (weight_decay != nullptr) set_weight_decay(target.param_groups().back().options(), *weight_decay);
  });
}

}  // extern "C"
