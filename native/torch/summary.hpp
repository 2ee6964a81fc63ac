// Internal to the shim: the trace behind a model summary. While one runs on a thread, output
// shapes are remembered under keys: a module's forward under the module, and the op that applies
// a model's tensor to the data under that tensor (so a layer's weight keys the shape of the
// layer's own op, even inside a forward written in C++).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace itorch::summary {

// True while a summary trace runs on this thread.
bool active();

// Remembers `output`'s shape under `key`, unless a shape is remembered there already.
void remember(const void* key, const at::Tensor& output);

// A module's own tensors as its row counts them: its parameters, trainable or frozen, and the
// first of its parameters and buffers, which keys a leaf's op.
struct OwnTensors {
  int64_t trainable = 0;
  int64_t frozen = 0;
  const void* first = nullptr;

  void parameter(const at::Tensor& tensor) {
    (tensor.requires_grad() ? trainable : frozen) += tensor.numel();
    buffer(tensor);
  }
  void buffer(const at::Tensor& tensor) {
    if (first == nullptr) first = tensor.unsafeGetTensorImpl();
  }
};

// Appends one row of a module tree: depth, path, type, the shape under the first key that has one
// ("-" when none has), then the trainable and frozen parameter counts, tab-separated.
void append_row(std::string& rows, int depth, const std::string& path, const std::string& type,
                std::initializer_list<const void*> keys, const OwnTensors& own);

}  // namespace itorch::summary
