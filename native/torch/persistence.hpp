// Internal to the shim: saving and loading a module state (module.hpp's ModuleState), shared by
// the module file exports and the state-dict exports over named tensors.
#pragma once

#include <ATen/ATen.h>

#include <string>
#include <vector>

#include "module.hpp"

namespace itorch {

// One entry of a state dict: a tensor under its dotted PyTorch name ("features.0.weight").
struct NamedTensor {
  std::string name;
  at::Tensor tensor;
  bool is_buffer = false;
};

// The state as one list, in the order of PyTorch's state_dict(): a module's own parameters,
// then its buffers, then each child's entries. A tensor shared by two children is listed twice.
std::vector<NamedTensor> flatten(const ModuleState& state);

// The tree of dotted names: "a.b.w" is tensor "w" of child "b" of child "a". Throws
// InvalidArgument for an empty name, an empty part ("a..b") or a name given twice.
ModuleState unflatten(const std::vector<NamedTensor>& entries);

// Writes the state to `path`, replacing the file, in the layout of libtorch's C++
// torch::save(module, path).
void save_state(const ModuleState& state, const char* path);

// Copies the state saved at `path` into the tensors of `state`, after checking the archive
// (archive_check.hpp) and that its names and shapes match exactly. The file is one save_state
// wrote, a C++ torch::save(module), a TorchScript file, or Python's torch.save(state_dict).
// On failure no tensor has changed.
void load_state(const ModuleState& state, const char* path);

}  // namespace itorch
