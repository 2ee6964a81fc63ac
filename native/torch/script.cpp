// TorchScript modules: a model scripted or traced in Python and saved with torch.jit.save,
// driven through the same module handle as the torch::nn modules. The only file that
// includes <torch/script.h>, which takes about 30 s to compile.
#include <torch/script.h>

#include <memory>
#include <utility>
#include <vector>

#include "archive_check.hpp"
#include "barrier.hpp"
#include "file_context.hpp"
#include "module.hpp"
#include "summary.hpp"

using itorch::guarded;
using itorch::require;

namespace {

// The handle over a torch::jit::Module.
class ScriptModule final : public itorch_module {
 public:
  explicit ScriptModule(torch::jit::Module module)
      : module_(std::move(module)), forward_(module_.get_method("forward")) {}

  at::Tensor forward(const at::Tensor& input) override {
    c10::IValue result = forward_({input});
    TORCH_CHECK_TYPE(result.isTensor(), "the TorchScript module's forward returned a ", result.tagKind(),
                     "; a module handle's forward must return one Tensor");
    return std::move(result).toTensor();
  }

  void train(bool on) override { module_.train(on); }
  bool is_training() const override { return module_.is_training(); }
  void to(const at::Device& device) override { module_.to(device); }

  std::vector<at::Tensor> parameters() const override {
    std::vector<at::Tensor> all;
    for (const at::Tensor& parameter : module_.parameters()) all.push_back(parameter);
    return all;
  }

  itorch::ModuleState state() const override { return state_of(module_); }

  std::string describe() const override { return describe(module_, ""); }

  std::string summary_rows(const itorch_module* self) const override {
    std::string rows;
    append_summary_rows(rows, module_, 0, "", self);
    return rows;
  }

 private:
  // As Python prints a loaded TorchScript module: its class name and its children's.
  static std::string describe(const torch::jit::Module& module, const std::string& indent) {
    const auto type = module.type()->name();
    const std::string name = "original_name=" + (type ? type->name() : std::string("Module"));
    std::string children;
    for (const auto& child : module.named_children()) {
      children += "\n" + indent + "  (" + child.name + "): " + describe(child.value, indent + "  ");
    }
    if (children.empty()) return "RecursiveScriptModule(" + name + ")";
    return "RecursiveScriptModule(\n" + indent + "  " + name + children + "\n" + indent + ")";
  }

  // As the torch::nn kind's rows (modules.cpp): keyed by the handle and, for a leaf, by its first tensor.
  static void append_summary_rows(std::string& rows, const torch::jit::Module& module, int depth,
                                  const std::string& path, const itorch_module* handle) {
    itorch::summary::OwnTensors own;
    for (const auto& parameter : module.named_parameters(/*recurse=*/false)) own.parameter(parameter.value);
    for (const auto& buffer : module.named_buffers(/*recurse=*/false)) own.buffer(buffer.value);
    const auto type = module.type()->name();
    const auto children = module.named_children();
    itorch::summary::append_row(rows, depth, path, type ? type->name() : std::string("Module"),
                                {handle, children.size() == 0 ? own.first : nullptr}, own);
    for (const auto& child : children) {
      append_summary_rows(rows, child.value, depth + 1, path.empty() ? child.name : path + "." + child.name, nullptr);
    }
  }

  static itorch::ModuleState state_of(const torch::jit::Module& module) {
    itorch::ModuleState state;
    for (const auto& parameter : module.named_parameters(/*recurse=*/false)) {
      state.parameters.emplace_back(parameter.name, parameter.value);
    }
    for (const auto& buffer : module.named_buffers(/*recurse=*/false)) {
      state.buffers.emplace_back(buffer.name, buffer.value);
    }
    for (const auto& child : module.named_children()) state.children.emplace_back(child.name, state_of(child.value));
    return state;
  }

  torch::jit::Module module_;
  // Looked up once: Module::forward finds the method by name on every call.
  torch::jit::Method forward_;
};

}  // namespace

extern "C" {

int32_t itorch_module_load_script(itorch_module** out, const char* path) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    require(path != nullptr, "the path is null");
    // Onto the CPU, as every other module starts; a file saved from a GPU then loads on a
    // machine without one.
    torch::jit::Module loaded = itorch::naming_file(path, [&] {
      itorch::verify_archive(path);
      return torch::jit::load(path, at::Device(at::kCPU));
    });
    TORCH_CHECK(loaded.find_method("forward").has_value(), "the TorchScript module in ", path,
                " has no forward method");
    itorch::give(out, std::make_unique<ScriptModule>(std::move(loaded)));
  });
}

}  // extern "C"
