// TorchScript modules: a model scripted or traced in Python and saved with torch.jit.save,
// driven through the same module handle as the torch::nn modules. The only file that
// includes <torch/script.h>, which takes about 30 s to compile.
#include <torch/csrc/jit/frontend/tracer.h>
#include <torch/script.h>

#include <memory>
#include <utility>
#include <vector>

#include "archive_check.hpp"
#include "barrier.hpp"
#include "file_context.hpp"
#include "module.hpp"
#include "shim.hpp"
#include "summary.hpp"

using itorch::guarded;
using itorch::require;

namespace {

// The handle over a torch::jit::Module.
class ScriptModule final : public itorch_module {
 public:
  explicit ScriptModule(torch::jit::Module module)
      : module_(std::move(module)), forward_(module_.get_method("forward")), frozen_(!module_.hasattr("training")) {}

  at::Tensor forward(const at::Tensor& input) override {
    // A frozen module runs in inference mode, as libtorch advises: Debian's libtorch 2.14 fails
    // an internal assert in batch_norm on the oneDNN tensors of an optimized graph otherwise
    // (Python's torch.jit.optimize_for_inference there too, outside torch.inference_mode).
    c10::optional<c10::InferenceMode> inference;
    if (frozen_) inference.emplace();
    c10::IValue result = forward_({input});
    TORCH_CHECK_TYPE(result.isTensor(), "the TorchScript module's forward returned a ", result.tagKind(),
                     "; a module handle's forward must return one Tensor");
    return std::move(result).toTensor();
  }

  // A frozen or optimized module has no "training" attribute left: it only evaluates.
  void train(bool on) override {
    if (!frozen_) {
      module_.train(on);
    } else {
      TORCH_CHECK(!on, "this TorchScript module was frozen or optimized for inference and cannot be put in training mode");
    }
  }
  bool is_training() const override { return !frozen_ && module_.is_training(); }
  void to(const at::Device& device) override { module_.to(device); }

  std::vector<at::Tensor> parameters() const override {
    std::vector<at::Tensor> all;
    for (const at::Tensor& parameter : module_.parameters()) all.push_back(parameter);
    return all;
  }

  itorch::ModuleState state() const override { return state_of(module_); }

  const torch::jit::Module& script() const { return module_; }

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
  bool frozen_;
};

// Puts a module in evaluation mode with its parameters out of autograd, and back as it was:
// the tracer refuses to make a constant of a tensor that requires grad.
class TracingScope {
 public:
  explicit TracingScope(itorch_module& module) : module_(module), was_training_(module.is_training()) {
    for (at::Tensor& parameter : module.parameters()) {
      if (parameter.requires_grad()) {
        parameter.requires_grad_(false);
        detached_.push_back(parameter);
      }
    }
    module.train(false);
  }
  ~TracingScope() {
    for (at::Tensor& parameter : detached_) parameter.requires_grad_(true);
    module_.train(was_training_);
  }
  TracingScope(const TracingScope&) = delete;
  TracingScope& operator=(const TracingScope&) = delete;

 private:
  itorch_module& module_;
  bool was_training_;
  std::vector<at::Tensor> detached_;
};

// The graph of `module`'s forward on `example`, as a method of a new TorchScript module. The
// model's tensors enter the graph as constants, copied out of autograd (a constant that requires
// grad breaks the graph executor's autodiff pass) so the result does not change when the model
// trains on.
torch::jit::Module traced_copy(itorch_module& module, const at::Tensor& example) {
  std::shared_ptr<torch::jit::Graph> graph;
  {
    TracingScope scope(module);
    auto traced = torch::jit::tracer::trace(
        {example}, [&](torch::jit::Stack inputs) -> torch::jit::Stack { return {module.forward(inputs[0].toTensor())}; },
        [](const at::Tensor&) { return std::string(); });
    graph = traced.first->graph;
  }
  for (torch::jit::Node* node : graph->nodes()) {
    if (node->kind() == c10::prim::Constant && node->hasAttribute(c10::attr::value) &&
        node->kindOf(c10::attr::value) == torch::jit::AttributeKind::t) {
      node->t_(c10::attr::value, node->t(c10::attr::value).detach().clone());
    }
  }
  torch::jit::Module traced("__torch__.InteropTraced");
  graph->insertInput(0, "self")->setType(traced._ivalue()->type());
  auto* forward = traced._ivalue()->compilation_unit()->create_function(
      c10::QualifiedName(*traced.type()->name(), "forward"), graph);
  traced.type()->addMethod(forward);
  return traced;
}

// A TorchScript module is frozen from a copy of itself; any other module is traced.
torch::jit::Module frozen_copy(itorch_module& module, const at::Tensor& example) {
  if (auto* script = dynamic_cast<ScriptModule*>(&module)) {
    torch::jit::Module copy = script->script().deepcopy();
    copy.eval();
    return torch::jit::freeze(copy);
  }
  return traced_copy(module, example);
}

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

int32_t itorch_module_optimize_for_inference(itorch_module* module, const itorch_tensor* example,
                                             itorch_module** out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    itorch_module& source = itorch::module_of(module);
    const at::Tensor input = itorch::input(example, "example");
    torch::jit::Module frozen = frozen_copy(source, input);
    itorch::give(out, std::make_unique<ScriptModule>(torch::jit::optimize_for_inference(frozen)));
  });
}

}  // extern "C"
