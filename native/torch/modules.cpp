// Module handles over torch::nn modules (the layers and the sequential container), and the
// exports every module handle answers: forward, modes, devices and parameters.
#include <torch/nn.h>

#include <cstring>
#include <functional>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "handles.hpp"
#include "module.hpp"
#include "shim.hpp"
#include "summary.hpp"
#include "unique_tensors.hpp"

using itorch::guarded;
using itorch::require;

namespace {

// The handle over a torch::nn module. torch::nn::Module has no virtual forward, so the
// forward of the concrete module type travels beside it.
class NnModule final : public itorch_module {
 public:
  NnModule(std::shared_ptr<torch::nn::Module> module, std::function<at::Tensor(const at::Tensor&)> forward)
      : module_(std::move(module)), forward_(std::move(forward)) {}

  at::Tensor forward(const at::Tensor& input) override { return forward_(input); }
  void train(bool on) override { module_->train(on); }
  bool is_training() const override { return module_->is_training(); }
  void to(const at::Device& device) override { module_->to(device); }
  std::vector<at::Tensor> parameters() const override { return module_->parameters(); }
  itorch::ModuleState state() const override { return state_of(*module_); }
  std::string describe() const override {
    std::ostringstream text;
    text << *module_;
    return in_python_spelling(text.str());
  }

  std::string summary_rows(const itorch_module* self) const override {
    std::string rows;
    append_summary_rows(rows, *module_, 0, "", self);
    return rows;
  }

  const std::shared_ptr<torch::nn::Module>& module() const { return module_; }
  const std::function<at::Tensor(const at::Tensor&)>& forward_function() const { return forward_; }

 private:
  // libtorch prints the tree as Python does, in C++'s spelling: torch::nn::Linear(in_features=2,
  // out_features=3, bias=true), kernel_size=[3, 3], and the zoo's own modules by their C++ type
  // (itorch::zoo::ResNetImpl<itorch::zoo::BasicBlock>).
  static std::string in_python_spelling(std::string printed) {
    static const std::regex qualifier(R"((?:\(anonymous namespace\)::|[A-Za-z_]\w*::)+)");
    static const std::regex impl(R"(\b(\w+)Impl\b)");
    static const std::regex template_arguments(R"(<[^<>()]*>)");
    static const std::regex truth(R"(\btrue\b)");
    static const std::regex falsity(R"(\bfalse\b)");
    printed = std::regex_replace(printed, qualifier, "");
    printed = std::regex_replace(printed, impl, "$1");
    printed = std::regex_replace(printed, template_arguments, "");
    printed = std::regex_replace(printed, truth, "True");
    printed = std::regex_replace(printed, falsity, "False");
    for (char& c : printed) {
      if (c == '[') c = '(';
      if (c == ']') c = ')';
    }
    return printed;
  }

  // A module's row, keyed by the handle (the module's own forward), by the module (a
  // Sequential's step) and, for a leaf, by the first tensor it holds (its op inside a C++
  // forward); then its children's rows.
  static void append_summary_rows(std::string& rows, const torch::nn::Module& module, int depth,
                                  const std::string& path, const itorch_module* handle) {
    itorch::summary::OwnTensors own;
    for (const auto& parameter : module.named_parameters(/*recurse=*/false)) own.parameter(parameter.value());
    for (const auto& buffer : module.named_buffers(/*recurse=*/false)) own.buffer(buffer.value());
    const auto children = module.named_children();
    itorch::summary::append_row(rows, depth, path, in_python_spelling(module.name()),
                                {handle, &module, children.is_empty() ? own.first : nullptr}, own);
    for (const auto& child : children) {
      append_summary_rows(rows, *child.value(), depth + 1, path.empty() ? child.key() : path + "." + child.key(), nullptr);
    }
  }

  // Mirrors Module::save, which skips the modules it cannot serialize (nn::Functional).
  static itorch::ModuleState state_of(const torch::nn::Module& module) {
    itorch::ModuleState state;
    for (const auto& parameter : module.named_parameters(/*recurse=*/false)) {
      state.parameters.emplace_back(parameter.key(), parameter.value());
    }
    for (const auto& buffer : module.named_buffers(/*recurse=*/false)) {
      state.buffers.emplace_back(buffer.key(), buffer.value());
    }
    for (const auto& child : module.named_children()) {
      if (child.value()->is_serializable()) state.children.emplace_back(child.key(), state_of(*child.value()));
    }
    return state;
  }

  std::shared_ptr<torch::nn::Module> module_;
  std::function<at::Tensor(const at::Tensor&)> forward_;
};

// Runs its children in order; they are registered so parameters and modes reach them.
class Chain : public torch::nn::Module {
 public:
  Chain() : torch::nn::Module("Sequential") {}

  void append(const itorch_module& child) {
    // Registering is what carries modes, devices, parameters and saving to a child, and only
    // a torch::nn module can be registered.
    const auto* nn = dynamic_cast<const NnModule*>(&child);
    require(nn != nullptr,
            "only torch::nn modules can be children of a sequential container; a TorchScript module cannot");
    register_module(std::to_string(steps_.size()), nn->module());
    steps_.push_back(nn->forward_function());
    children_.push_back(nn->module().get());
  }

  at::Tensor forward(const at::Tensor& input) {
    at::Tensor x = input;
    const bool tracing = itorch::summary::active();
    for (size_t i = 0; i < steps_.size(); i++) {
      x = steps_[i](x);
      if (tracing) itorch::summary::remember(children_[i], x);
    }
    return x;
  }

 private:
  std::vector<std::function<at::Tensor(const at::Tensor&)>> steps_;
  std::vector<const torch::nn::Module*> children_;
};

void require_out(itorch_module** out) { require(out != nullptr, "the out pointer is null"); }

}  // namespace

namespace itorch {

void give(itorch_module** out, std::unique_ptr<itorch_module> handle) {
  *out = handle.release();
  handle_created();
}

void give_module(itorch_module** out, std::shared_ptr<torch::nn::Module> module,
                 std::function<at::Tensor(const at::Tensor&)> forward) {
  give(out, std::make_unique<NnModule>(std::move(module), std::move(forward)));
}

}  // namespace itorch

extern "C" {

int32_t itorch_module_linear(itorch_module** out, int64_t in_features, int64_t out_features, int32_t bias) {
  return guarded([&] {
    require_out(out);
    // libtorch's initialisation divides by the fan-in: zero features would fail with an unrelated message.
    if (in_features <= 0 || out_features < 0) {
      throw itorch::InvalidArgument("linear needs in_features > 0 and out_features >= 0; got in_features=" +
                                    std::to_string(in_features) + ", out_features=" + std::to_string(out_features));
    }
    itorch::give_layer(out, torch::nn::Linear(torch::nn::LinearOptions(in_features, out_features).bias(bias != 0)));
  });
}

int32_t itorch_module_conv2d(itorch_module** out, int64_t in_channels, int64_t out_channels, int64_t kernel_h,
                             int64_t kernel_w, int64_t stride_h, int64_t stride_w, int64_t padding_h,
                             int64_t padding_w, int64_t groups, int32_t bias) {
  return guarded([&] {
    require_out(out);
    // libtorch divides by groups (SIGFPE at zero) and by the fan-in (an unrelated message at zero).
    if (in_channels <= 0 || out_channels <= 0 || groups <= 0 || kernel_h <= 0 || kernel_w <= 0) {
      throw itorch::InvalidArgument(
          "conv2d needs positive in_channels, out_channels, groups and kernel sizes; got in_channels=" +
          std::to_string(in_channels) + ", out_channels=" + std::to_string(out_channels) +
          ", groups=" + std::to_string(groups) + ", kernel=" + std::to_string(kernel_h) + "x" +
          std::to_string(kernel_w));
    }
    itorch::give_layer(out, torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, {kernel_h, kernel_w})
                                                  .stride({stride_h, stride_w})
                                                  .padding(std::vector<int64_t>{padding_h, padding_w})
                                                  .groups(groups)
                                                  .bias(bias != 0)));
  });
}

int32_t itorch_module_batch_norm2d(itorch_module** out, int64_t features, double eps, double momentum) {
  return guarded([&] {
    require_out(out);
    itorch::give_layer(out, torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(features).eps(eps).momentum(momentum)));
  });
}

int32_t itorch_module_dropout(itorch_module** out, double p) {
  return guarded([&] {
    require_out(out);
    require(p >= 0.0 && p <= 1.0, "dropout probability must be between 0 and 1");
    itorch::give_layer(out, torch::nn::Dropout(torch::nn::DropoutOptions(p)));
  });
}

int32_t itorch_module_flatten(itorch_module** out, int64_t start_dim, int64_t end_dim) {
  return guarded([&] {
    require_out(out);
    itorch::give_layer(out, torch::nn::Flatten(torch::nn::FlattenOptions().start_dim(start_dim).end_dim(end_dim)));
  });
}

int32_t itorch_module_identity(itorch_module** out) {
  return guarded([&] {
    require_out(out);
    itorch::give_layer(out, torch::nn::Identity());
  });
}

int32_t itorch_module_activation(itorch_module** out, int32_t kind) {
  return guarded([&] {
    require_out(out);
    switch (kind) {
      case ITORCH_ACTIVATION_RELU:
        return itorch::give_layer(out, torch::nn::ReLU());
      case ITORCH_ACTIVATION_RELU6:
        return itorch::give_layer(out, torch::nn::ReLU6());
      case ITORCH_ACTIVATION_SILU:
        return itorch::give_layer(out, torch::nn::SiLU());
      case ITORCH_ACTIVATION_SIGMOID:
        return itorch::give_layer(out, torch::nn::Sigmoid());
      default:
        throw itorch::InvalidArgument("unknown activation code " + std::to_string(kind));
    }
  });
}

int32_t itorch_module_max_pool2d(itorch_module** out, int64_t kernel_h, int64_t kernel_w, int64_t stride_h,
                                 int64_t stride_w, int64_t padding_h, int64_t padding_w) {
  return guarded([&] {
    require_out(out);
    itorch::give_layer(out, torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions({kernel_h, kernel_w})
                                                     .stride({stride_h, stride_w})
                                                     .padding({padding_h, padding_w})));
  });
}

int32_t itorch_module_avg_pool2d(itorch_module** out, int64_t kernel_h, int64_t kernel_w, int64_t stride_h,
                                 int64_t stride_w, int64_t padding_h, int64_t padding_w) {
  return guarded([&] {
    require_out(out);
    itorch::give_layer(out, torch::nn::AvgPool2d(torch::nn::AvgPool2dOptions({kernel_h, kernel_w})
                                                     .stride({stride_h, stride_w})
                                                     .padding({padding_h, padding_w})));
  });
}

int32_t itorch_module_adaptive_avg_pool2d(itorch_module** out, int64_t output_h, int64_t output_w) {
  return guarded([&] {
    require_out(out);
    itorch::give_layer(out,
                       torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions({output_h, output_w})));
  });
}

int32_t itorch_module_sequential(itorch_module** out, itorch_module* const* modules, int32_t count) {
  return guarded([&] {
    require_out(out);
    require(count >= 0, "the module count must not be negative");
    require(modules != nullptr || count == 0, "the module list pointer is null");
    auto chain = std::make_shared<Chain>();
    for (int32_t i = 0; i < count; ++i) chain->append(itorch::module_of(modules[i]));
    auto* raw = chain.get();
    itorch::give_module(out, std::move(chain), [raw](const at::Tensor& x) { return raw->forward(x); });
  });
}

void itorch_module_free(itorch_module* module) {
  if (module == nullptr) return;
  delete module;
  itorch::handle_freed();
}

int32_t itorch_module_forward(itorch_tensor* out, itorch_module* module, const itorch_tensor* input) {
  return guarded([&] {
    itorch::ResultSlot result(out);
    at::Tensor output = itorch::module_of(module).forward(itorch::input(input, "input"));
    if (itorch::summary::active()) itorch::summary::remember(module, output);
    result.assign(std::move(output));
  });
}

int32_t itorch_module_set_training(itorch_module* module, int32_t training) {
  return guarded([&] { itorch::module_of(module).train(training != 0); });
}

int32_t itorch_module_is_training(itorch_module* module, int32_t* out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = itorch::module_of(module).is_training() ? 1 : 0;
  });
}

int32_t itorch_module_to_device(itorch_module* module, int32_t device_type, int32_t device_index) {
  return guarded([&] { itorch::module_of(module).to(itorch::device(device_type, device_index)); });
}

int32_t itorch_module_describe(itorch_module* module, uint8_t* text, int32_t capacity, int32_t* length) {
  return guarded([&] {
    require(length != nullptr, "the length pointer is null");
    require(capacity >= 0 && (text != nullptr || capacity == 0), "the text buffer is null or its capacity negative");
    const std::string described = itorch::module_of(module).describe();
    require(described.size() <= static_cast<size_t>(INT32_MAX), "the module's description is longer than 2 GiB");
    *length = static_cast<int32_t>(described.size());
    if (described.size() <= static_cast<size_t>(capacity)) std::memcpy(text, described.data(), described.size());
  });
}

int32_t itorch_module_parameter_count(itorch_module* module, int64_t* tensors, int64_t* elements) {
  return guarded([&] {
    require(tensors != nullptr && elements != nullptr, "the out pointers must not be null");
    const auto parameters = itorch::unique_tensors(itorch::module_of(module).parameters());
    int64_t total = 0;
    for (const auto& p : parameters) total += p.numel();
    *tensors = static_cast<int64_t>(parameters.size());
    *elements = total;
  });
}

int32_t itorch_module_parameters(itorch_module* module, itorch_tensor* const* slots, int32_t count) {
  return guarded([&] {
    const auto parameters = itorch::unique_tensors(itorch::module_of(module).parameters());
    if (static_cast<size_t>(count) != parameters.size()) {
      throw itorch::InvalidArgument("the module has " + std::to_string(parameters.size()) +
                                    " parameter tensors but " + std::to_string(count) + " slots were given");
    }
    require(slots != nullptr || count == 0, "the slot list pointer is null");
    for (int32_t i = 0; i < count; ++i) itorch::ResultSlot(slots[i]).assign(parameters[static_cast<size_t>(i)]);
  });
}

}  // extern "C"
