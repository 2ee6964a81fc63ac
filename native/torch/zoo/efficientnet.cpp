// torchvision's EfficientNet-B0. At width and depth 1.0 torchvision's channel rounding and depth scaling change
// nothing, so the stage table holds the final numbers. Batch norms keep eps 1e-5: torchvision passes 1e-3
// only to B5-B7 and the V2 models.
#include <torch/nn.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "families.hpp"
#include "layers.hpp"

namespace itorch::zoo {
namespace {

// Rescales each channel by a gate computed from the whole image: pool, squeeze, SiLU, expand, sigmoid.
struct SqueezeExcitationImpl : torch::nn::Module {
  SqueezeExcitationImpl(int64_t channels, int64_t squeeze_channels)
      : fc1(register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, squeeze_channels, 1)))),
        fc2(register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(squeeze_channels, channels, 1)))) {}

  at::Tensor forward(const at::Tensor& input) {
    auto scale = torch::silu(fc1(torch::adaptive_avg_pool2d(input, {1, 1})));
    return input * torch::sigmoid(fc2(scale));
  }

  torch::nn::Conv2d fc1;
  torch::nn::Conv2d fc2;
};
TORCH_MODULE(SqueezeExcitation);

// torchvision's StochasticDepth in "row" mode: while training, drops the residual branch of whole samples with
// probability p and scales the kept ones by 1 / (1 - p), so that evaluation can use the branch as it is.
at::Tensor stochastic_depth(const at::Tensor& branch, double p, bool training) {
  if (!training || p == 0.0) {
    return branch;
  }
  const double survival = 1.0 - p;
  std::vector<int64_t> per_sample(branch.dim(), 1);
  per_sample[0] = branch.size(0);
  return branch * at::empty(per_sample, branch.options()).bernoulli_(survival).div_(survival);
}

struct MBConvStage {
  int64_t expand_ratio;
  int64_t kernel;
  int64_t first_stride;
  int64_t in_channels;
  int64_t out_channels;
  int64_t blocks;
};

// Expand (1x1), depthwise conv, squeeze-excitation, linear projection (1x1), with a residual when the
// shape allows it.
struct MBConvImpl : torch::nn::Module {
  MBConvImpl(const MBConvStage& stage, int64_t in_channels, int64_t stride, double drop_probability_)
      : residual(stride == 1 && in_channels == stage.out_channels), drop_probability(drop_probability_) {
    const int64_t expanded = in_channels * stage.expand_ratio;
    if (expanded != in_channels) {
      block->push_back(conv_norm_activation(in_channels, expanded, 1, 1, 1, Activation::silu));
    }
    block->push_back(
        conv_norm_activation(expanded, expanded, stage.kernel, stride, /*groups=*/expanded, Activation::silu));
    // torchvision sizes the squeeze from the block's input channels, not from the expanded ones.
    block->push_back(SqueezeExcitation(expanded, std::max<int64_t>(1, in_channels / 4)));
    block->push_back(conv_norm_activation(expanded, stage.out_channels, 1, 1, 1, Activation::none));
    register_module("block", block);
  }

  at::Tensor forward(const at::Tensor& input) {
    auto x = block->forward(input);
    return residual ? stochastic_depth(x, drop_probability, is_training()) + input : x;
  }

  bool residual;
  double drop_probability;
  Chain block;
};
TORCH_MODULE(MBConv);

constexpr std::array<MBConvStage, 7> efficientnet_b0_stages = {{
    {1, 3, 1, 32, 16, 1},
    {6, 3, 2, 16, 24, 2},
    {6, 5, 2, 24, 40, 2},
    {6, 3, 2, 40, 80, 3},
    {6, 5, 1, 80, 112, 3},
    {6, 5, 2, 112, 192, 4},
    {6, 3, 1, 192, 320, 1},
}};

constexpr double efficientnet_b0_stochastic_depth = 0.2;
constexpr int64_t efficientnet_b0_last_channels = 1280;

// The stem, one Chain per stage, and the 1x1 head conv. The drop probability grows linearly with the
// block's depth, from 0 at the first block.
torch::nn::Sequential efficientnet_b0_features(int64_t in_channels) {
  const int64_t stem_channels = efficientnet_b0_stages.front().in_channels;
  torch::nn::Sequential features(conv_norm_activation(in_channels, stem_channels, 3, 2, 1, Activation::silu));
  int64_t total_blocks = 0;
  for (const auto& stage : efficientnet_b0_stages) {
    total_blocks += stage.blocks;
  }
  int64_t block_index = 0;
  for (const auto& stage : efficientnet_b0_stages) {
    Chain blocks;
    for (int64_t i = 0; i < stage.blocks; ++i) {
      const double drop_probability =
          efficientnet_b0_stochastic_depth * static_cast<double>(block_index++) / static_cast<double>(total_blocks);
      blocks->push_back(MBConv(stage, i == 0 ? stage.in_channels : stage.out_channels, i == 0 ? stage.first_stride : 1,
                               drop_probability));
    }
    features->push_back(blocks);
  }
  features->push_back(conv_norm_activation(efficientnet_b0_stages.back().out_channels, efficientnet_b0_last_channels, 1,
                                           1, 1, Activation::silu));
  return features;
}

struct EfficientNet : Model {
  explicit EfficientNet(const ModelOptions& options)
      : features(register_module("features", efficientnet_b0_features(options.in_channels))),
        classifier(
            register_module("classifier", dropout_classifier(0.2, efficientnet_b0_last_channels, options.classes))) {
    init_convolutions(*this);
    for_each_module<torch::nn::Linear>(*this, [](torch::nn::LinearImpl& linear) {
      const double range = 1.0 / std::sqrt(static_cast<double>(linear.options.out_features()));
      torch::nn::init::uniform_(linear.weight, -range, range);
      torch::nn::init::zeros_(linear.bias);
    });
  }

  at::Tensor forward(const at::Tensor& input) override {
    auto x = torch::adaptive_avg_pool2d(features->forward(input), {1, 1});
    return classifier->forward(x.flatten(1));
  }

  torch::nn::Sequential features;
  torch::nn::Sequential classifier;
};

}  // namespace

std::shared_ptr<Model> efficientnet_b0(const ModelOptions& options) { return std::make_shared<EfficientNet>(options); }

}  // namespace itorch::zoo
