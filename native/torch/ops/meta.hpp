// Arguments on the meta device: an op called with them computes only its results' shapes and
// dtypes, in microseconds and without touching data. fit.hpp uses it to learn whether the
// caller's result slots fit before writing into them.
#pragma once

#include "arguments.hpp"

namespace itorch::ops {

at::Tensor to_meta(const at::Tensor& t);

inline c10::optional<at::Tensor> to_meta(const c10::optional<at::Tensor>& t) {
  return t ? c10::optional<at::Tensor>(to_meta(*t)) : c10::nullopt;
}

inline TensorList to_meta(const TensorList& list) {
  c10::SmallVector<at::Tensor, 4> items;
  for (const at::Tensor& t : list.get()) items.push_back(to_meta(t));
  return TensorList(std::move(items));
}

inline OptionalTensorList to_meta(const OptionalTensorList& list) {
  c10::List<c10::optional<at::Tensor>> items;
  for (size_t i = 0; i < list.get().size(); ++i) items.push_back(to_meta(c10::optional<at::Tensor>(list.get()[i])));
  return OptionalTensorList(std::move(items));
}

// A factory op makes its result on the meta device too.
inline c10::optional<at::Device> to_meta(const c10::optional<at::Device>&) { return at::Device(at::kMeta); }

// Arguments that hold no tensor pass through.
template <class T>
const T& to_meta(const T& value) {
  return value;
}

}  // namespace itorch::ops
