// Internal to the shim: a list of tensors with each tensor once, as PyTorch counts a layer used
// twice in a model (Module.parameters() skips a parameter it has already given). Without it a
// shared layer's weights are counted twice and an optimizer steps them twice per update.
#pragma once

#include <ATen/ATen.h>

#include <unordered_set>
#include <vector>

namespace itorch {

// The tensors in their order, each kept at its first occurrence. Two handles are the same
// tensor when they share the TensorImpl (at::Tensor::is_same); views of one storage are not.
inline std::vector<at::Tensor> unique_tensors(const std::vector<at::Tensor>& tensors) {
  std::unordered_set<const c10::TensorImpl*> seen;
  std::vector<at::Tensor> unique;
  unique.reserve(tensors.size());
  for (const auto& tensor : tensors) {
    if (seen.insert(tensor.unsafeGetTensorImpl()).second) unique.push_back(tensor);
  }
  return unique;
}

}  // namespace itorch
