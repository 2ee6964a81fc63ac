// Saving and loading a module's parameters and buffers. Files have the archive layout of
// libtorch's torch::save(module, path), whatever the module's kind, so the state of a
// torch::nn model and of a TorchScript model with the same names and shapes is interchangeable,
// and C++ programs can torch::load the files. Loading also takes Python's
// torch.save(model.state_dict()), a pickled dictionary from names to tensors (state_pickle.cpp).
#include "persistence.hpp"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>
#include <torch/utils.h>

#include <algorithm>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "archive_check.hpp"
#include "barrier.hpp"
#include "file_context.hpp"
#include "state_pickle.hpp"

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

void flatten_into(const itorch::ModuleState& state, const std::string& prefix, std::vector<itorch::NamedTensor>& out) {
  for (const auto& [name, tensor] : state.parameters) out.push_back({prefix + name, tensor, false});
  for (const auto& [name, tensor] : state.buffers) out.push_back({prefix + name, tensor, true});
  for (const auto& [name, child] : state.children) flatten_into(child, prefix + name + ".", out);
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

Staged checked_shape(const std::string& name, const at::Tensor& destination, const at::Tensor& source) {
  TORCH_CHECK(source.sizes() == destination.sizes(), "size mismatch for '", name, "': the file holds shape ",
              source.sizes(), " but the module has shape ", destination.sizes());
  return {destination, source};
}

void stage_tensor(torch::serialize::InputArchive& archive, const std::string& name, const at::Tensor& destination,
                  bool is_buffer, const std::string& prefix, std::vector<Staged>& staged) {
  // Undefined, so that read binds it to the file's tensor instead of overwriting the module's.
  at::Tensor source;
  archive.read(name, source, is_buffer);
  staged.push_back(checked_shape(prefix + name, destination, source));
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

// Python's torch.save(model.state_dict()): one dictionary of dotted names, matched name by
// name, as load_state_dict(strict=True) matches it.
void stage_pickled(const char* path, const itorch::ModuleState& state, std::vector<Staged>& staged) {
  const auto pickled = itorch::read_pickled_state_dict(path);
  std::set<std::string> expected;
  for (const auto& entry : itorch::flatten(state)) {
    expected.insert(entry.name);
    const auto found = std::find_if(pickled.begin(), pickled.end(), [&](const auto& item) { return item.first == entry.name; });
    TORCH_CHECK(found != pickled.end(), "Missing key '", entry.name, "' in the file's state dict");
    staged.push_back(checked_shape(entry.name, entry.tensor, found->second));
  }
  for (const auto& item : pickled) {
    TORCH_CHECK(expected.count(item.first) == 1, "Unexpected key '", itorch::printable(item.first),
                "' in the file's state dict: the module has no such parameter or buffer");
  }
}

// A module archive (C++ torch::save, TorchScript) holds its constants and code beside the data;
// a pickled object (Python's torch.save) holds only data.pkl and the tensors' storages.
bool is_module_archive(const std::vector<std::string>& records) {
  return std::any_of(records.begin(), records.end(), [](const std::string& name) {
    const std::string suffix = "/constants.pkl";
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  });
}

}  // namespace

namespace itorch {

std::vector<NamedTensor> flatten(const ModuleState& state) {
  std::vector<NamedTensor> entries;
  flatten_into(state, "", entries);
  return entries;
}

ModuleState unflatten(const std::vector<NamedTensor>& entries) {
  ModuleState root;
  std::set<std::string> seen;
  for (const auto& entry : entries) {
    if (!seen.insert(entry.name).second) throw InvalidArgument("the name '" + entry.name + "' is given twice");
    ModuleState* level = &root;
    size_t start = 0;
    for (size_t dot = entry.name.find('.'); ; dot = entry.name.find('.', start)) {
      const std::string part = entry.name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (part.empty()) throw InvalidArgument("the name '" + entry.name + "' has an empty part");
      if (dot == std::string::npos) {
        auto& tensors = entry.is_buffer ? level->buffers : level->parameters;
        tensors.emplace_back(part, entry.tensor);
        break;
      }
      auto child = std::find_if(level->children.begin(), level->children.end(),
                                [&](const auto& named) { return named.first == part; });
      if (child == level->children.end()) {
        level->children.emplace_back(part, ModuleState{});
        child = std::prev(level->children.end());
      }
      level = &child->second;
      start = dot + 1;
    }
  }
  return root;
}

void save_state(const ModuleState& state, const char* path) {
  torch::serialize::OutputArchive archive;
  write(archive, state);
  naming_file(path, [&] { archive.save_to(path); });
}

void load_state(const ModuleState& state, const char* path) {
  std::vector<Staged> staged;
  naming_file(path, [&] {
    if (is_module_archive(verify_archive(path))) {
      torch::serialize::InputArchive archive;
      // Onto the CPU, so a file saved from a GPU loads on a machine without one; the copy
      // below moves each tensor to wherever the module's is.
      archive.load_from(path, at::Device(at::kCPU));
      stage(archive, state, "", staged);
    } else {
      stage_pickled(path, state, staged);
    }
  });
  torch::NoGradGuard no_grad;
  for (auto& entry : staged) entry.destination.copy_(entry.source);
}

}  // namespace itorch

extern "C" {

int32_t itorch_module_save(itorch_module* module, const char* path) {
  return itorch::guarded([&] {
    const itorch_module& source = itorch::module_of(module);
    itorch::require(path != nullptr, "the path is null");
    itorch::save_state(source.state(), path);
  });
}

int32_t itorch_module_load(itorch_module* module, const char* path) {
  return itorch::guarded([&] {
    itorch_module& destination = itorch::module_of(module);
    itorch::require(path != nullptr, "the path is null");
    itorch::load_state(destination.state(), path);
  });
}

}  // extern "C"
