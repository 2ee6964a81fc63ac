// Internal to the shim: the slot type and the argument conversions shared by all exports.
#pragma once

#include <ATen/ATen.h>
// Since 2.x ATen.h no longer brings in GradMode and NoGradGuard.
#include <ATen/core/grad_mode.h>

#include <string>

#include "barrier.hpp"
#include "result_slot.hpp"
#include "slot.hpp"

namespace itorch {

// A tensor argument: the slot must hold a tensor. `name` appears in the error. The caller
// gets a reference of its own, which stays valid while other threads rebind the slot.
inline at::Tensor input(const itorch_tensor* slot, const char* name) {
  if (slot == nullptr) throw InvalidArgument(std::string("tensor argument '") + name + "' is a null handle");
  at::Tensor value = read(*slot);
  if (!value.defined()) {
    throw InvalidArgument(std::string("tensor argument '") + name + "' is an empty slot (it holds no tensor)");
  }
  return value;
}

// A tensor argument that may be a null handle or an empty slot.
inline c10::optional<at::Tensor> optional_input(const itorch_tensor* slot) {
  if (slot == nullptr) return c10::nullopt;
  at::Tensor value = read(*slot);
  if (!value.defined()) return c10::nullopt;
  return value;
}

at::IntArrayRef int_list(const int64_t* values, int32_t count, const char* name);
at::ScalarType scalar_type(int32_t dtype);
at::Device device(int32_t device_type, int32_t device_index);
at::Scalar scalar(itorch_scalar value);

}  // namespace itorch
