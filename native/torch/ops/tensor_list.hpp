// A list of tensors returned by an op whose result count is known only afterwards (split,
// unbind, meshgrid), and the conversions of plain results to their C types.
#pragma once

#include <vector>

#include "../shim.hpp"

struct itorch_tensor_list {
  std::vector<at::Tensor> items;
};

namespace itorch::ops {

inline void set(itorch_tensor_list& list, std::vector<at::Tensor> items) { list.items = std::move(items); }

itorch_scalar c_scalar(const at::Scalar& value);

template <class T, class V>
T to_c(const V& value) {
  if constexpr (std::is_same_v<T, uint8_t>) {
    return value ? 1 : 0;
  } else if constexpr (std::is_same_v<T, itorch_scalar>) {
    return c_scalar(value);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return static_cast<int32_t>(value);
  } else if constexpr (std::is_same_v<V, c10::SymInt>) {
    return value.expect_int();
  } else {
    return static_cast<T>(value);
  }
}

}  // namespace itorch::ops
