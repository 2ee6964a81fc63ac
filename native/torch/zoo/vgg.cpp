// torchvision's VGG16 (configuration D, no batch norm).
#include <torch/nn.h>

#include <array>

#include "families.hpp"
#include "layers.hpp"

namespace itorch::zoo {
namespace {

// Configuration D: the output channels of each 3x3 conv (each followed by a ReLU), or a 2x2 max pool.
constexpr int64_t max_pool = 0;
constexpr std::array<int64_t, 18> vgg16_configuration = {
    64, 64, max_pool, 128, 128, max_pool, 256, 256, 256, max_pool, 512, 512, 512, max_pool, 512, 512, 512, max_pool};

torch::nn::Sequential vgg_features(int64_t in_channels) {
  torch::nn::Sequential features;
  for (const int64_t out_channels : vgg16_configuration) {
    if (out_channels == max_pool) {
      features->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
    } else {
      features->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 3).padding(1)));
      features->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(/*inplace=*/true)));
      in_channels = out_channels;
    }
  }
  return features;
}

// The adaptive pool makes the classifier's input 512 x 7 x 7 whatever the image size.
constexpr int64_t pooled_size = 7;

torch::nn::Sequential vgg_classifier(int64_t classes) {
  const auto relu = [] { return torch::nn::ReLU(torch::nn::ReLUOptions(/*inplace=*/true)); };
  return torch::nn::Sequential(torch::nn::Linear(512 * pooled_size * pooled_size, 4096), relu(),
                               torch::nn::Dropout(0.5), torch::nn::Linear(4096, 4096), relu(), torch::nn::Dropout(0.5),
                               torch::nn::Linear(4096, classes));
}

struct VGG : Model {
  explicit VGG(const ModelOptions& options)
      : features(register_module("features", vgg_features(options.in_channels))),
        classifier(register_module("classifier", vgg_classifier(options.classes))) {
    init_convolutions(*this);
    init_linears_normal(*this);
  }

  at::Tensor forward(const at::Tensor& input) override {
    auto x = torch::adaptive_avg_pool2d(features->forward(input), {pooled_size, pooled_size});
    return classifier->forward(x.flatten(1));
  }

  torch::nn::Sequential features;
  torch::nn::Sequential classifier;
};

}  // namespace

std::shared_ptr<Model> vgg16(const ModelOptions& options) { return std::make_shared<VGG>(options); }

}  // namespace itorch::zoo
