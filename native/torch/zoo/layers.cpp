// Building blocks that several torchvision families share; see layers.hpp.
#include "layers.hpp"

namespace itorch::zoo {

Chain conv_norm_activation(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride, int64_t groups,
                           Activation activation) {
  Chain chain;
  chain->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, kernel)
                                         .stride(stride)
                                         .padding((kernel - 1) / 2)
                                         .groups(groups)
                                         .bias(false)));
  chain->push_back(torch::nn::BatchNorm2d(out_channels));
  switch (activation) {
    case Activation::relu6:
      chain->push_back(torch::nn::ReLU6(torch::nn::ReLU6Options(/*inplace=*/true)));
      break;
    case Activation::silu:
      chain->push_back(torch::nn::SiLU());
      break;
    case Activation::none:
      break;
  }
  return chain;
}

torch::nn::Sequential dropout_classifier(double dropout, int64_t in_features, int64_t classes) {
  return torch::nn::Sequential(torch::nn::Dropout(dropout), torch::nn::Linear(in_features, classes));
}

void init_convolutions(torch::nn::Module& model) {
  for_each_module<torch::nn::Conv2d>(model, [](torch::nn::Conv2dImpl& conv) {
    torch::nn::init::kaiming_normal_(conv.weight, /*a=*/0, torch::kFanOut, torch::kReLU);
    if (conv.bias.defined()) {
      torch::nn::init::zeros_(conv.bias);
    }
  });
}

void init_linears_normal(torch::nn::Module& model) {
  for_each_module<torch::nn::Linear>(model, [](torch::nn::LinearImpl& linear) {
    torch::nn::init::normal_(linear.weight, 0, 0.01);
    torch::nn::init::zeros_(linear.bias);
  });
}

}  // namespace itorch::zoo
