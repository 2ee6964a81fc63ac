// The model zoo: torchvision's classic image classifiers and two small reference models, built on torch::nn
// with random weights, so that the shim can run and time real architectures without downloading anything.
#pragma once

#include <torch/nn/module.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace itorch::zoo {

// What a model is built for. height and width shape only simple_cnn, the one model without a global pool;
// the others take any input large enough for their strides.
struct ModelOptions {
  int64_t classes = 1000;
  int64_t in_channels = 3;
  int64_t height = 32;
  int64_t width = 32;
};

// A model whose forward maps one NCHW (or N x features) tensor to logits. The torchvision models keep
// torchvision's parameter names and registration order, so their state dicts line up key for key.
struct Model : torch::nn::Module {
  virtual at::Tensor forward(const at::Tensor& input) = 0;
};

// Creates a zoo model by name. Throws std::invalid_argument for an unknown name (the message lists the known
// ones) or for options the model cannot be built with.
std::shared_ptr<Model> create(const std::string& name, const ModelOptions& options = {});

// The names create accepts.
const std::vector<std::string>& model_names();

}  // namespace itorch::zoo
