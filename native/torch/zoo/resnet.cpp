// torchvision's ResNet: resnet18 on BasicBlock, resnet50 on Bottleneck with the stride on its 3x3 conv (v1.5).
#include <torch/nn.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "families.hpp"
#include "layers.hpp"

namespace itorch::zoo {
namespace {

torch::nn::Conv2d conv3x3(int64_t in_channels, int64_t out_channels, int64_t stride) {
  return torch::nn::Conv2d(
      torch::nn::Conv2dOptions(in_channels, out_channels, 3).stride(stride).padding(1).bias(false));
}

torch::nn::Conv2d conv1x1(int64_t in_channels, int64_t out_channels, int64_t stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 1).stride(stride).bias(false));
}

// The shortcut is the input itself, or its projection when the block changes the shape.
at::Tensor add_shortcut(at::Tensor residual, const at::Tensor& input, torch::nn::Sequential& downsample) {
  residual += downsample ? downsample->forward(input) : input;
  return residual.relu_();
}

struct BasicBlockImpl : torch::nn::Module {
  static constexpr int64_t expansion = 1;

  BasicBlockImpl(int64_t in_channels, int64_t channels, int64_t stride, torch::nn::Sequential downsample_)
      : conv1(register_module("conv1", conv3x3(in_channels, channels, stride))),
        bn1(register_module("bn1", torch::nn::BatchNorm2d(channels))),
        conv2(register_module("conv2", conv3x3(channels, channels, 1))),
        bn2(register_module("bn2", torch::nn::BatchNorm2d(channels))),
        downsample(std::move(downsample_)) {
    if (downsample) {
      register_module("downsample", downsample);
    }
  }

  at::Tensor forward(const at::Tensor& input) {
    auto x = bn1(conv1(input)).relu_();
    return add_shortcut(bn2(conv2(x)), input, downsample);
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Conv2d conv2;
  torch::nn::BatchNorm2d bn2;
  torch::nn::Sequential downsample;
};
TORCH_MODULE(BasicBlock);

struct BottleneckImpl : torch::nn::Module {
  static constexpr int64_t expansion = 4;

  BottleneckImpl(int64_t in_channels, int64_t channels, int64_t stride, torch::nn::Sequential downsample_)
      : conv1(register_module("conv1", conv1x1(in_channels, channels))),
        bn1(register_module("bn1", torch::nn::BatchNorm2d(channels))),
        conv2(register_module("conv2", conv3x3(channels, channels, stride))),
        bn2(register_module("bn2", torch::nn::BatchNorm2d(channels))),
        conv3(register_module("conv3", conv1x1(channels, channels * expansion))),
        bn3(register_module("bn3", torch::nn::BatchNorm2d(channels * expansion))),
        downsample(std::move(downsample_)) {
    if (downsample) {
      register_module("downsample", downsample);
    }
  }

  at::Tensor forward(const at::Tensor& input) {
    auto x = bn1(conv1(input)).relu_();
    x = bn2(conv2(x)).relu_();
    return add_shortcut(bn3(conv3(x)), input, downsample);
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Conv2d conv2;
  torch::nn::BatchNorm2d bn2;
  torch::nn::Conv2d conv3;
  torch::nn::BatchNorm2d bn3;
  torch::nn::Sequential downsample;
};
TORCH_MODULE(Bottleneck);

template <typename Block>
struct ResNet : Model {
  static constexpr int64_t expansion = Block::ContainedType::expansion;

  ResNet(const std::array<int64_t, 4>& blocks_per_layer, const ModelOptions& options)
      : conv1(register_module(
            "conv1",
            torch::nn::Conv2d(torch::nn::Conv2dOptions(options.in_channels, 64, 7).stride(2).padding(3).bias(false)))),
        bn1(register_module("bn1", torch::nn::BatchNorm2d(64))) {
    const std::array<int64_t, 4> channels = {64, 128, 256, 512};
    for (size_t i = 0; i < channels.size(); ++i) {
      layers.push_back(register_module("layer" + std::to_string(i + 1),
                                       make_layer(channels[i], blocks_per_layer[i], /*stride=*/i == 0 ? 1 : 2)));
    }
    fc = register_module("fc", torch::nn::Linear(512 * expansion, options.classes));
    init_convolutions(*this);
  }

  at::Tensor forward(const at::Tensor& input) override {
    auto x = torch::max_pool2d(bn1(conv1(input)).relu_(), /*kernel_size=*/{3, 3}, /*stride=*/{2, 2},
                               /*padding=*/{1, 1});
    for (auto& layer : layers) {
      x = layer->forward(x);
    }
    return fc(torch::adaptive_avg_pool2d(x, {1, 1}).flatten(1));
  }

  // The first block of a layer takes its stride and, when the shape changes, a projection shortcut.
  torch::nn::Sequential make_layer(int64_t channels, int64_t blocks, int64_t stride) {
    torch::nn::Sequential downsample{nullptr};
    if (stride != 1 || in_channels != channels * expansion) {
      downsample = torch::nn::Sequential(conv1x1(in_channels, channels * expansion, stride),
                                         torch::nn::BatchNorm2d(channels * expansion));
    }
    torch::nn::Sequential layer(Block(in_channels, channels, stride, downsample));
    in_channels = channels * expansion;
    for (int64_t i = 1; i < blocks; ++i) {
      layer->push_back(Block(in_channels, channels, 1, torch::nn::Sequential{nullptr}));
    }
    return layer;
  }

  int64_t in_channels = 64;
  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  std::vector<torch::nn::Sequential> layers;
  torch::nn::Linear fc{nullptr};
};

}  // namespace

std::shared_ptr<Model> resnet18(const ModelOptions& options) {
  return std::make_shared<ResNet<BasicBlock>>(std::array<int64_t, 4>{2, 2, 2, 2}, options);
}

std::shared_ptr<Model> resnet50(const ModelOptions& options) {
  return std::make_shared<ResNet<Bottleneck>>(std::array<int64_t, 4>{3, 4, 6, 3}, options);
}

}  // namespace itorch::zoo
