// The two small reference models. They keep PyTorch's default init, as their Python originals do.
#include <torch/nn.h>

#include <stdexcept>

#include "families.hpp"

namespace itorch::zoo {
namespace {

// simple_nn takes N x 32 features whatever the image options say: its size is the reference model's.
constexpr int64_t simple_nn_features = 32;
constexpr int64_t hidden_units = 64;

struct SimpleNN : Model {
  explicit SimpleNN(int64_t classes)
      : fc1(register_module("fc1", torch::nn::Linear(simple_nn_features, hidden_units))),
        fc2(register_module("fc2", torch::nn::Linear(hidden_units, classes))) {}

  at::Tensor forward(const at::Tensor& input) override { return fc2(fc1(input).relu_()); }

  torch::nn::Linear fc1;
  torch::nn::Linear fc2;
};

torch::nn::Conv2d same_size_conv3x3(int64_t in_channels, int64_t out_channels) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 3).padding(1));
}

// Two conv + 2x2 max pool stages, then a two-layer classifier over the flattened (H/4) x (W/4) map: the
// only model whose parameters depend on the input size.
struct SimpleCNN : Model {
  explicit SimpleCNN(const ModelOptions& options)
      : conv1(register_module("conv1", same_size_conv3x3(options.in_channels, 32))),
        conv2(register_module("conv2", same_size_conv3x3(32, 64))),
        fc1(register_module("fc1", torch::nn::Linear(64 * (options.height / 4) * (options.width / 4), hidden_units))),
        fc2(register_module("fc2", torch::nn::Linear(hidden_units, options.classes))) {}

  at::Tensor forward(const at::Tensor& input) override {
    auto x = torch::max_pool2d(conv1(input).relu_(), {2, 2});
    x = torch::max_pool2d(conv2(x).relu_(), {2, 2});
    return fc2(fc1(x.flatten(1)).relu_());
  }

  torch::nn::Conv2d conv1;
  torch::nn::Conv2d conv2;
  torch::nn::Linear fc1;
  torch::nn::Linear fc2;
};

}  // namespace

std::shared_ptr<Model> simple_nn(const ModelOptions& options) { return std::make_shared<SimpleNN>(options.classes); }

std::shared_ptr<Model> simple_cnn(const ModelOptions& options) {
  if (options.height < 4 || options.width < 4) {
    throw std::invalid_argument("simple_cnn needs an input of at least 4x4: it pools by 2 twice");
  }
  return std::make_shared<SimpleCNN>(options);
}

}  // namespace itorch::zoo
