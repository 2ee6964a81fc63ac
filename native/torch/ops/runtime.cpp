// The non-template parts of the generated ops: argument codes, meta tensors, the remembered
// predictions, the tensor list exports and the error for an op this libtorch lacks.
#include <torch/version.h>

#include <memory>
#include <vector>

#include "../handles.hpp"
#include "call.hpp"

namespace itorch::ops {

void not_supported(const Needs& needs) {
  throw NotSupported(std::string("aten::") + needs.schema + " is not available in this libtorch (" TORCH_VERSION
                     "); the shim binds it from libtorch " + needs.versions);
}

c10::optional<at::Layout> optional_layout(int32_t code) {
  if (code < 0) return c10::nullopt;
  require(code < static_cast<int32_t>(at::Layout::NumOptions), "unknown layout code");
  return static_cast<at::Layout>(code);
}

at::MemoryFormat memory_format(int32_t code) {
  require(code >= 0 && code < static_cast<int32_t>(at::MemoryFormat::NumOptions), "unknown memory format code");
  return static_cast<at::MemoryFormat>(code);
}

Dimname dimname(const char* value, const char* name) {
  if (value == nullptr) throw InvalidArgument(std::string("dimension name '") + name + "' is a null pointer");
#if ITORCH_OPS_DIMNAMES
  if (!at::Dimname::isValidName(value)) {
    throw InvalidArgument(std::string("'") + value + "' is not a valid dimension name (a Python identifier, or '*')");
  }
  return at::Dimname::fromSymbol(at::Symbol::dimname(value));
#else
  // No op of this libtorch takes a name: the op then reports that it is not supported.
  return Dimname{value};
#endif
}

itorch_scalar c_scalar(const at::Scalar& value) {
  itorch_scalar result{};
  if (value.isBoolean()) {
    result.kind = ITORCH_SCALAR_BOOL;
    result.integer = value.toBool() ? 1 : 0;
  } else if (value.isIntegral(false)) {
    result.kind = ITORCH_SCALAR_INT;
    result.integer = value.toLong();
  } else {
    result.kind = ITORCH_SCALAR_FLOAT;
    result.real = value.toDouble();
  }
  return result;
}

at::Tensor to_meta(const at::Tensor& t) {
  at::Tensor meta = at::empty_strided(t.sizes(), t.strides(), t.options().device(at::kMeta).requires_grad(false));
  if (t.unsafeGetTensorImpl()->is_wrapped_number()) meta.unsafeGetTensorImpl()->set_wrapped_number(true);
  return meta;
}

Prediction& remembered(const void* op) {
  constexpr size_t entries = 128;
  // Allocated on a thread's first out= call, so that the shim's thread-local block stays small.
  thread_local std::unique_ptr<Prediction[]> table;
  if (!table) table = std::make_unique<Prediction[]>(entries);
  const auto hash = reinterpret_cast<uintptr_t>(op) >> 4;
  return table[hash % entries];
}

}  // namespace itorch::ops

using itorch::guarded;
using itorch::require;

extern "C" {

int32_t itorch_tensor_list_new(itorch_tensor_list** out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = new itorch_tensor_list();
    itorch::handle_created();
  });
}

void itorch_tensor_list_free(itorch_tensor_list* list) {
  if (list == nullptr) return;
  delete list;
  itorch::handle_freed();
}

int64_t itorch_tensor_list_size(const itorch_tensor_list* list) {
  return list == nullptr ? -1 : static_cast<int64_t>(list->items.size());
}

int32_t itorch_tensor_list_get(itorch_tensor* out, const itorch_tensor_list* list, int64_t index) {
  return guarded([&] {
    require(list != nullptr, "the tensor list is a null handle");
    require(index >= 0 && index < static_cast<int64_t>(list->items.size()), "the list index is out of range");
    itorch::ResultSlot(out).assign(list->items[static_cast<size_t>(index)]);
  });
}

}  // extern "C"
