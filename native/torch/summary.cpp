// The summary trace (summary.hpp) and its exports. Ops are seen through libtorch's RecordFunction
// callbacks, installed on the tracing thread only and removed when the trace ends.
#include "summary.hpp"

#include <ATen/record_function.h>

#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "module.hpp"
#include "shim.hpp"

using itorch::guarded;
using itorch::require;

namespace {

struct Trace {
  std::unordered_map<const void*, std::vector<int64_t>> shapes;
  // The model's parameters and buffers, and what ops made from them alone (a weight's
  // transpose): these stand for the model's tensors, so the op that applies them to the data
  // (addmm of an input and a transposed weight) is the layer's op. A derived tensor is held
  // until the trace ends, so its address cannot come back as an activation's.
  std::unordered_set<const void*> watched;
  struct Derived {
    at::Tensor tensor;
    std::vector<const void*> from;
  };
  std::unordered_map<const void*, Derived> derived;
  // The model's tensors read by layer ops still running: ops nested inside them (conv2d's
  // convolution reading the same weight) are not the layer's op.
  std::unordered_set<const void*> claimed;
  at::CallbackHandle callback = 0;
};

thread_local std::unique_ptr<Trace> current;

// What an op's end does: record its output's shape for the model's tensors it applied to the
// data, or, for an op over the model's tensors alone, let its output stand for them.
struct OpRecord : at::ObserverContext {
  std::vector<const void*> tensors;
  bool derives = false;
};

std::unique_ptr<at::ObserverContext> on_op_start(const at::RecordFunction& op) {
  Trace* trace = current.get();
  if (trace == nullptr) return nullptr;
  std::vector<const void*> model_tensors;
  bool reads_data = false;
  auto visit = [&](const at::Tensor& tensor) {
    if (!tensor.defined()) return;
    const void* key = tensor.unsafeGetTensorImpl();
    if (trace->watched.count(key) != 0) {
      model_tensors.push_back(key);
    } else if (auto found = trace->derived.find(key); found != trace->derived.end()) {
      model_tensors.insert(model_tensors.end(), found->second.from.begin(), found->second.from.end());
    } else {
      reads_data = true;
    }
  };
  for (const c10::IValue& input : op.inputs()) {
    if (input.isTensor()) {
      visit(input.toTensor());
    } else if (input.isTensorList()) {
      for (const at::Tensor& tensor : input.toTensorList().vec()) visit(tensor);
    }
  }
  if (model_tensors.empty()) return nullptr;
  auto record = std::make_unique<OpRecord>();
  if (!reads_data) {
    record->derives = true;
    record->tensors = std::move(model_tensors);
    return record;
  }
  for (const void* key : model_tensors) {
    if (trace->shapes.count(key) == 0 && trace->claimed.insert(key).second) record->tensors.push_back(key);
  }
  if (record->tensors.empty()) return nullptr;
  return record;
}

void on_op_end(const at::RecordFunction& op, at::ObserverContext* context) {
  Trace* trace = current.get();
  if (trace == nullptr || context == nullptr) return;
  const at::Tensor* output = nullptr;
  for (const c10::IValue& value : op.outputs()) {
    if (value.isTensor() && value.toTensor().defined()) {
      output = &value.toTensor();
      break;
    }
  }
  auto* record = static_cast<OpRecord*>(context);
  if (record->derives) {
    if (output != nullptr) trace->derived[output->unsafeGetTensorImpl()] = {*output, record->tensors};
    return;
  }
  for (const void* key : record->tensors) {
    trace->claimed.erase(key);
    if (output != nullptr) trace->shapes.emplace(key, output->sizes().vec());
  }
}

}  // namespace

namespace itorch::summary {

bool active() { return current != nullptr; }

void remember(const void* key, const at::Tensor& output) {
  if (current != nullptr && output.defined()) current->shapes.emplace(key, output.sizes().vec());
}

void append_row(std::string& rows, int depth, const std::string& path, const std::string& type,
                std::initializer_list<const void*> keys, const OwnTensors& own) {
  std::string shape = "-";
  for (const void* key : keys) {
    if (key == nullptr || current == nullptr) continue;
    auto found = current->shapes.find(key);
    if (found == current->shapes.end()) continue;
    shape.clear();
    for (int64_t size : found->second) shape += (shape.empty() ? "" : ",") + std::to_string(size);
    break;
  }
  rows += std::to_string(depth) + '\t' + path + '\t' + type + '\t' + shape + '\t' + std::to_string(own.trainable) + '\t' +
          std::to_string(own.frozen) + '\n';
}

}  // namespace itorch::summary

extern "C" {

int32_t itorch_summary_begin(const itorch_tensor* const* watched, int32_t count) {
  return guarded([&] {
    require(current == nullptr, "a summary trace already runs on this thread");
    require(count >= 0 && (watched != nullptr || count == 0), "the tensor list is null or its count negative");
    auto trace = std::make_unique<Trace>();
    for (int32_t i = 0; i < count; i++) trace->watched.insert(itorch::input(watched[i], "watched").unsafeGetTensorImpl());
    trace->callback = at::addThreadLocalCallback(at::RecordFunctionCallback(on_op_start, on_op_end)
                                                     .needsInputs(true)
                                                     .needsOutputs(true)
                                                     .scopes({at::RecordScope::FUNCTION}));
    current = std::move(trace);
  });
}

int32_t itorch_summary_end(void) {
  return guarded([&] {
    require(current != nullptr, "no summary trace runs on this thread");
    at::removeCallback(current->callback);
    current.reset();
  });
}

int32_t itorch_module_summary_rows(itorch_module* module, uint8_t* text, int32_t capacity, int32_t* length) {
  return guarded([&] {
    require(length != nullptr, "the length pointer is null");
    require(capacity >= 0 && (text != nullptr || capacity == 0), "the text buffer is null or its capacity negative");
    require(current != nullptr, "no summary trace runs on this thread: call itorch_summary_begin first");
    const std::string rows = itorch::module_of(module).summary_rows(module);
    require(rows.size() <= static_cast<size_t>(INT32_MAX), "the summary is longer than 2 GiB");
    *length = static_cast<int32_t>(rows.size());
    if (rows.size() <= static_cast<size_t>(capacity)) std::memcpy(text, rows.data(), rows.size());
  });
}

int32_t itorch_summary_tensor_shape(const itorch_tensor* tensor, int64_t* shape, int32_t capacity, int32_t* rank) {
  return guarded([&] {
    require(rank != nullptr, "the rank pointer is null");
    require(capacity >= 0 && (shape != nullptr || capacity == 0), "the shape buffer is null or its capacity negative");
    require(current != nullptr, "no summary trace runs on this thread: call itorch_summary_begin first");
    const at::Tensor value = itorch::input(tensor, "tensor");
    auto found = current->shapes.find(value.unsafeGetTensorImpl());
    *rank = -1;
    if (found == current->shapes.end()) return;
    *rank = static_cast<int32_t>(found->second.size());
    for (int32_t i = 0; i < *rank && i < capacity; i++) shape[i] = found->second[i];
  });
}

}  // extern "C"
