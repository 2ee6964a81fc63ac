// The zoo's registry: the factory behind each name, and the checks that all models' options share.
#include <array>
#include <stdexcept>

#include "families.hpp"

namespace itorch::zoo {
namespace {

struct Entry {
  const char* name;
  std::shared_ptr<Model> (*make)(const ModelOptions&);
};

const std::array<Entry, 7> registry = {{
    {"simple_nn", simple_nn},
    {"simple_cnn", simple_cnn},
    {"resnet18", resnet18},
    {"resnet50", resnet50},
    {"vgg16", vgg16},
    {"mobilenet_v2", mobilenet_v2},
    {"efficientnet_b0", efficientnet_b0},
}};

std::string joined_names() {
  std::string joined;
  for (const auto& name : model_names()) {
    joined += (joined.empty() ? "" : ", ") + name;
  }
  return joined;
}

void check_positive(const ModelOptions& options) {
  if (options.classes < 1 || options.in_channels < 1 || options.height < 1 || options.width < 1) {
    throw std::invalid_argument("model options classes, in_channels, height and width must all be positive");
  }
}

}  // namespace

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const auto& entry : registry) {
      all.emplace_back(entry.name);
    }
    return all;
  }();
  return names;
}

std::shared_ptr<Model> create(const std::string& name, const ModelOptions& options) {
  for (const auto& entry : registry) {
    if (name == entry.name) {
      check_positive(options);
      return entry.make(options);
    }
  }
  throw std::invalid_argument("unknown model '" + name + "'; known models: " + joined_names());
}

}  // namespace itorch::zoo
