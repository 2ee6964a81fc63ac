// torchvision's MobileNetV2 at width 1.0, where every channel count is already a multiple of 8, so
// torchvision's _make_divisible rounding changes nothing and is left out.
#include <torch/nn.h>

#include <array>

#include "families.hpp"
#include "layers.hpp"

namespace itorch::zoo {
namespace {

// Expands with a 1x1 conv (unless expand_ratio is 1), filters depthwise, then projects linearly: no
// activation after the projection, which would destroy information in the narrow output.
struct InvertedResidualImpl : torch::nn::Module {
  InvertedResidualImpl(int64_t in_channels, int64_t out_channels, int64_t stride, int64_t expand_ratio)
      : residual(stride == 1 && in_channels == out_channels) {
    const int64_t hidden = in_channels * expand_ratio;
    if (expand_ratio != 1) {
      conv->push_back(conv_norm_activation(in_channels, hidden, 1, 1, 1, Activation::relu6));
    }
    conv->push_back(conv_norm_activation(hidden, hidden, 3, stride, /*groups=*/hidden, Activation::relu6));
    conv->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(hidden, out_channels, 1).bias(false)));
    conv->push_back(torch::nn::BatchNorm2d(out_channels));
    register_module("conv", conv);
  }

  at::Tensor forward(const at::Tensor& input) {
    auto x = conv->forward(input);
    return residual ? x + input : x;
  }

  bool residual;
  Chain conv;
};
TORCH_MODULE(InvertedResidual);

struct InvertedResidualStage {
  int64_t expand_ratio;
  int64_t out_channels;
  int64_t blocks;
  int64_t first_stride;
};

constexpr std::array<InvertedResidualStage, 7> mobilenet_v2_stages = {{
    {1, 16, 1, 1},
    {6, 24, 2, 2},
    {6, 32, 3, 2},
    {6, 64, 4, 2},
    {6, 96, 3, 1},
    {6, 160, 3, 2},
    {6, 320, 1, 1},
}};

constexpr int64_t mobilenet_v2_stem_channels = 32;
constexpr int64_t mobilenet_v2_last_channels = 1280;

torch::nn::Sequential mobilenet_v2_features(int64_t in_channels) {
  torch::nn::Sequential features(
      conv_norm_activation(in_channels, mobilenet_v2_stem_channels, 3, 2, 1, Activation::relu6));
  int64_t channels = mobilenet_v2_stem_channels;
  for (const auto& stage : mobilenet_v2_stages) {
    for (int64_t i = 0; i < stage.blocks; ++i) {
      features->push_back(
          InvertedResidual(channels, stage.out_channels, i == 0 ? stage.first_stride : 1, stage.expand_ratio));
      channels = stage.out_channels;
    }
  }
  features->push_back(conv_norm_activation(channels, mobilenet_v2_last_channels, 1, 1, 1, Activation::relu6));
  return features;
}

struct MobileNetV2 : Model {
  explicit MobileNetV2(const ModelOptions& options)
      : features(register_module("features", mobilenet_v2_features(options.in_channels))),
        classifier(
            register_module("classifier", dropout_classifier(0.2, mobilenet_v2_last_channels, options.classes))) {
    init_convolutions(*this);
    init_linears_normal(*this);
  }

  at::Tensor forward(const at::Tensor& input) override {
    auto x = torch::adaptive_avg_pool2d(features->forward(input), {1, 1});
    return classifier->forward(x.flatten(1));
  }

  torch::nn::Sequential features;
  torch::nn::Sequential classifier;
};

}  // namespace

std::shared_ptr<Model> mobilenet_v2(const ModelOptions& options) { return std::make_shared<MobileNetV2>(options); }

}  // namespace itorch::zoo
