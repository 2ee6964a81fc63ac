// One factory per zoo model; create() in zoo.cpp picks among them by name.
#pragma once

#include "zoo.hpp"

namespace itorch::zoo {

std::shared_ptr<Model> simple_nn(const ModelOptions& options);
std::shared_ptr<Model> simple_cnn(const ModelOptions& options);
std::shared_ptr<Model> resnet18(const ModelOptions& options);
std::shared_ptr<Model> resnet50(const ModelOptions& options);
std::shared_ptr<Model> vgg16(const ModelOptions& options);
std::shared_ptr<Model> mobilenet_v2(const ModelOptions& options);
std::shared_ptr<Model> efficientnet_b0(const ModelOptions& options);

}  // namespace itorch::zoo
