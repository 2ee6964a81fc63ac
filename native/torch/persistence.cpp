// Saving and loading a module's parameters and buffers. Files have the archive layout of
// libtorch's torch::save(module, path), whatever the module's kind, so the state of a
// torch::nn model and of a TorchScript model with the same names and shapes is interchangeable,
// and C++ programs can torch::load the files.
#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "archive_check.hpp"
#include "barrier.hpp"
#include "file_context.hpp"
#include "module.hpp"

using itorch::guarded;
using itorch::require;

namespace {

// Writes what Module::save writes; a TorchScript module has no Module::save of this layout.
void write(torch::serialize::OutputArchive& archive, const itorch::ModuleState& state) {
  for (const auto& [name, tensor] : state.parameters) archive.write(name, tensor);
  for (const auto& [name, tensor] : state.buffers) archive.write(name, tensor, /*is_buffer=*/true);
  for (const auto& [name, child_state] : state.children) {
    torch::serialize::OutputArchive child(archive.compilation_unit());
    write(child, child_state);
    archive.write(name, child);
  }
}

// A tensor read from the file and the module tensor it will be copied into.
struct Staged {
  at::Tensor destination;
  at::Tensor source;
};

template <class NamedEntries>
bool has_entry(const NamedEntries& entries, const std::string& name) {
  return std::any_of(entries.begin(), entries.end(), [&](const auto& entry) { return entry.first == name; });
}

// Tensors and nested modules. A TorchScript file's modules also hold a training flag and
// the plain values of their attributes, which are not state.
bool holds_state(torch::serialize::InputArchive& archive, const std::string& key) {
  c10::IValue value;
  archive.read(key, value);
  return value.isTensor() || value.isObject();
}

// A file with more state in it than the module was saved from another architecture; loading
// only the part that fits would hide that.
void reject_unexpected(torch::serialize::InputArchive& archive, const itorch::ModuleState& state,
                       const std::string& prefix) {
  for (const auto& key : archive.keys()) {
    if (!holds_state(archive, key)) continue;
    const bool expected =
        has_entry(state.parameters, key) || has_entry(state.buffers, key) || has_entry(state.children, key);
    TORCH_CHECK(expected, "Unexpected entry '", prefix, key, "' in the file: the module has no such parameter, ",
                "buffer or child");
  }
}

void stage_tensor(torch::serialize::InputArchive& archive, const std::string& name, const at::Tensor& destination,
                  bool is_buffer, const std::string& prefix, std::vector<Staged>& staged) {
  // Undefined, so that read binds it to the file's tensor instead of overwriting the module's.
  at::Tensor source;
  archive.read(name, source, is_buffer);
  TORCH_CHECK(source.sizes() == destination.sizes(), "size mismatch for '", prefix, name, "': the file holds shape ",
              source.sizes(), " but the module has shape ", destination.sizes());
  staged.push_back({destination, source});
}

// Reads every tensor the module expects and checks names and shapes before anything is
// copied, so a file that does not fit leaves the module as it was. libtorch's Module::load
// instead overwrites each tensor as it reads it, and takes a tensor of another shape as is.
void stage(torch::serialize::InputArchive& archive, const itorch::ModuleState& state, const std::string& prefix,
           std::vector<Staged>& staged) {
  for (const auto& [name, tensor] : state.parameters) stage_tensor(archive, name, tensor, false, prefix, staged);
  for (const auto& [name, tensor] : state.buffers) stage_tensor(archive, name, tensor, true, prefix, staged);
  for (const auto& [name, child_state] : state.children) {
    torch::serialize::InputArchive child;
    archive.read(name, child);
    stage(child, child_state, prefix + name + ".", staged);
  }
  reject_unexpected(archive, state, prefix);
}

}  // namespace

extern "C" {

int32_t itorch_module_save(itorch_module* module, const char* path) {
  return guarded([&] {
    const itorch_module& source = itorch::module_of(module);
    require(path != nullptr, "the path is null");
    torch::serialize::OutputArchive archive;
    write(archive, source.state());
    itorch::naming_file(path, [&] { archive.save_to(path); });
  });
}

int32_t itorch_module_load(itorch_module* module, const char* path) {
  return guarded([&] {
    itorch_module& destination = itorch::module_of(module);
    require(path != nullptr, "the path is null");
    std::vector<Staged> staged;
    itorch::naming_file(path, [&] {
      itorch::verify_archive(path);
      torch::serialize::InputArchive archive;
      // Onto the CPU, so a file saved from a GPU loads on a machine without one; the copy
      // below moves each tensor to wherever the module's is.
      archive.load_from(path, at::Device(at::kCPU));
      stage(archive, destination.state(), "", staged);
    });
    torch::NoGradGuard no_grad;
    for (auto& entry : staged) entry.destination.copy_(entry.source);
  });
}

}  // extern "C"
