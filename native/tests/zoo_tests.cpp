// Tests of the model zoo against torchvision: parameter counts and names, and the shape of the logits.
#include <gtest/gtest.h>
#include <torch/nn.h>

#include <ostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "zoo/zoo.hpp"

namespace {

using itorch::zoo::ModelOptions;

// A model, the options it is built with, what torchvision reports for it (the simple models: what their layers
// add up to), and an input small enough to keep the suite fast; the big models pool adaptively, so any size works.
struct ZooCase {
  std::string name;
  ModelOptions options;
  int64_t parameters;
  int64_t parameter_tensors;
  std::vector<int64_t> input;
};

// Test names must be unique, and simple_cnn runs at two input sizes.
std::string case_name(const testing::TestParamInfo<ZooCase>& info) {
  return info.param.name + "_" + std::to_string(info.param.input.back());
}

std::ostream& operator<<(std::ostream& out, const ZooCase& zoo_case) { return out << zoo_case.name; }

const ModelOptions ten_classes{10, 3, 32, 32};
const ModelOptions imagenet{1000, 3, 224, 224};

const std::vector<ZooCase> cases = {
    {"simple_nn", ten_classes, 2'762, 4, {2, 32}},
    {"simple_cnn", ten_classes, 282'250, 8, {2, 3, 32, 32}},
    {"simple_cnn", ModelOptions{10, 1, 28, 28}, 220'234, 8, {2, 1, 28, 28}},
    {"resnet18", imagenet, 11'689'512, 62, {1, 3, 64, 64}},
    {"resnet50", imagenet, 25'557'032, 161, {1, 3, 64, 64}},
    {"vgg16", imagenet, 138'357'544, 32, {1, 3, 32, 32}},
    {"mobilenet_v2", imagenet, 3'504'872, 158, {1, 3, 64, 64}},
    {"efficientnet_b0", imagenet, 5'288'548, 213, {1, 3, 64, 64}},
};

class Zoo : public testing::TestWithParam<ZooCase> {};

TEST_P(Zoo, ParametersMatchTorchvision) {
  const auto model = itorch::zoo::create(GetParam().name, GetParam().options);
  int64_t elements = 0;
  const auto parameters = model->parameters();
  for (const auto& parameter : parameters) {
    elements += parameter.numel();
  }
  EXPECT_EQ(elements, GetParam().parameters);
  EXPECT_EQ(static_cast<int64_t>(parameters.size()), GetParam().parameter_tensors);
}

TEST_P(Zoo, ForwardGivesOneRowOfLogitsPerSample) {
  const auto model = itorch::zoo::create(GetParam().name, GetParam().options);
  model->eval();
  torch::NoGradGuard no_grad;
  const auto logits = model->forward(torch::randn(GetParam().input));
  EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{GetParam().input.front(), GetParam().options.classes}));
  EXPECT_TRUE(logits.isfinite().all().item<bool>());
}

INSTANTIATE_TEST_SUITE_P(Models, Zoo, testing::ValuesIn(cases), case_name);

TEST(ZooNames, FollowTorchvisionStateDictKeys) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"resnet50", {"conv1.weight", "layer1.0.downsample.0.weight", "layer4.2.bn3.bias", "fc.weight"}},
      {"vgg16", {"features.0.weight", "features.28.bias", "classifier.3.weight", "classifier.6.bias"}},
      {"mobilenet_v2",
       {"features.0.1.weight", "features.1.conv.0.0.weight", "features.2.conv.3.bias", "features.18.0.weight",
        "classifier.1.weight"}},
      {"efficientnet_b0",
       {"features.1.0.block.1.fc1.weight", "features.2.0.block.3.1.bias", "features.6.3.block.2.fc2.bias",
        "features.8.0.weight", "classifier.1.weight"}},
  };
  for (const auto& [name, keys] : expected) {
    const auto parameters = itorch::zoo::create(name, {})->named_parameters();
    for (const auto& key : keys) {
      EXPECT_TRUE(parameters.contains(key)) << name << " has no parameter " << key;
    }
  }
}

TEST(ZooTraining, EfficientNetRunsForwardAndBackwardInTrainingMode) {
  const auto model = itorch::zoo::create("efficientnet_b0", {10, 3, 64, 64});
  model->train();
  const auto logits = model->forward(torch::randn({2, 3, 64, 64}));
  EXPECT_EQ(logits.sizes(), (std::vector<int64_t>{2, 10}));
  logits.sum().backward();
  EXPECT_TRUE(model->named_parameters()["features.0.0.weight"].grad().defined());
}

TEST(ZooErrors, UnknownNameListsKnownModels) {
  try {
    itorch::zoo::create("resnet1000", {});
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("resnet1000"), std::string::npos) << message;
    for (const auto& name : itorch::zoo::model_names()) {
      EXPECT_NE(message.find(name), std::string::npos) << message;
    }
  }
  EXPECT_EQ(itorch::zoo::model_names().size(), 7u);
}

TEST(ZooErrors, OptionsTheModelCannotTakeAreRejected) {
  EXPECT_THROW(itorch::zoo::create("resnet18", {0, 3, 32, 32}), std::invalid_argument);
  EXPECT_THROW(itorch::zoo::create("simple_cnn", {10, 3, 2, 2}), std::invalid_argument);
}

}  // namespace
