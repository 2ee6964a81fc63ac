// Building blocks that several torchvision families share.
#pragma once

#include <torch/nn.h>

namespace itorch::zoo {

// A Sequential that can sit inside another Sequential. libtorch's own cannot, as its forward is a template;
// torchvision nests them (stages of blocks, blocks of conv-norm-activation triples), and its parameter names
// follow that nesting, so the zoo nests the same way.
struct ChainImpl : torch::nn::SequentialImpl {
  using SequentialImpl::SequentialImpl;
  at::Tensor forward(const at::Tensor& input) { return SequentialImpl::forward(input); }
};
TORCH_MODULE(Chain);

enum class Activation { none, relu6, silu };

// torchvision's Conv2dNormActivation: a bias-free convolution padded to keep the size at stride 1, a batch
// norm, then the activation, as children 0, 1 and 2.
Chain conv_norm_activation(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride, int64_t groups,
                           Activation activation);

// Calls visit(impl) on every submodule of the given holder type, e.g. on every torch::nn::Linear.
template <typename Holder, typename Visit>
void for_each_module(torch::nn::Module& model, Visit visit) {
  for (const auto& module : model.modules(/*include_self=*/false)) {
    if (auto* found = module->template as<Holder>()) {
      visit(*found);
    }
  }
}

// The head of MobileNetV2 and EfficientNet: dropout, then a linear layer to the logits, as children 0 and 1.
torch::nn::Sequential dropout_classifier(double dropout, int64_t in_features, int64_t classes);

// torchvision's convolution init, common to all its families here: kaiming normal with fan_out, zero bias.
// Batch norms need nothing: libtorch already starts them at weight 1, bias 0, as torchvision sets them.
void init_convolutions(torch::nn::Module& model);

// The linear init of torchvision's VGG and MobileNetV2: normal with std 0.01, zero bias.
void init_linears_normal(torch::nn::Module& model);

}  // namespace itorch::zoo
