// The C ABI's op arguments as libtorch's typed calls take them. Each helper converts to the
// parameter types of libtorch 1.13 and of 2.x alike (int64_t or c10::SymInt, IntArrayRef or
// SymIntArrayRef, TensorList or ITensorListRef), so that one generated call compiles on both.
// The helpers are values: the generated code builds them into a tuple, then calls.
#pragma once

#include <torch/version.h>

#include <array>
#include <cstring>
#include <initializer_list>
#include <string>

#include "../shim.hpp"

#if __has_include(<ATen/core/Dimname.h>)
#include <ATen/core/Dimname.h>
#define ITORCH_OPS_DIMNAMES 1
#else
#define ITORCH_OPS_DIMNAMES 0
#endif

namespace itorch::ops {

inline at::Tensor tensor(const itorch_tensor* slot, const char* name) { return input(slot, name); }

inline c10::optional<at::Tensor> optional_tensor(const itorch_tensor* slot) { return optional_input(slot); }

// The self of an in-place op: libtorch takes it as at::Tensor&.
class MutableTensor {
 public:
  MutableTensor(itorch_tensor* slot, const char* name) : value_(input(slot, name)) {}
  operator at::Tensor&() const { return value_; }
  const at::Tensor& get() const { return value_; }

 private:
  mutable at::Tensor value_;
};

class Int {
 public:
  explicit Int(int64_t value) : value_(value) {}
  operator int64_t() const { return value_; }
  operator c10::SymInt() const { return c10::SymInt(value_); }
  int64_t get() const { return value_; }

 private:
  int64_t value_;
};

// A loss's reduction: libtorch takes any int and some losses then reduce anyway, or assert.
inline Int reduction(int64_t code) {
  require(code >= 0 && code <= 2, "reduction must be 0 (None), 1 (Mean) or 2 (Sum)");
  return Int(code);
}

class OptionalInt {
 public:
  explicit OptionalInt(const int64_t* value) : present_(value != nullptr), value_(value ? *value : 0) {}
  operator c10::optional<int64_t>() const { return present_ ? c10::optional<int64_t>(value_) : c10::nullopt; }
  operator c10::optional<c10::SymInt>() const {
    return present_ ? c10::optional<c10::SymInt>(c10::SymInt(value_)) : c10::nullopt;
  }
  // For an op whose other libtorch versions take a Scalar? here.
  operator c10::optional<at::Scalar>() const {
    return present_ ? c10::optional<at::Scalar>(at::Scalar(value_)) : c10::nullopt;
  }
  bool present() const { return present_; }
  int64_t get() const { return value_; }

 private:
  bool present_;
  int64_t value_;
};

inline c10::SymIntArrayRef sym_ints(at::IntArrayRef values) {
#if TORCH_VERSION_MAJOR < 2
  return c10::fromIntArrayRef(values);
#else
  return c10::fromIntArrayRefSlow(values);
#endif
}

// An int[N] list: one value stands for N copies, as in PyTorch; an empty list of an argument
// with a default is that default.
class IntList {
 public:
  IntList(const int64_t* values, int64_t count, int64_t size, std::initializer_list<int64_t> defaults = {}) {
    require(count >= 0, "a list argument has a negative count");
    require(values != nullptr || count == 0, "a list argument is a null pointer with a non-zero count");
    if (count == 0 && defaults.size() > 0) {
      values_.assign(defaults.begin(), defaults.end());
    } else if (size > 1 && count == 1) {
      values_.assign(static_cast<size_t>(size), values[0]);
    } else {
      values_.assign(values, values + count);
    }
  }
  operator at::IntArrayRef() const { return values_; }
  operator c10::SymIntArrayRef() const { return sym_ints(values_); }
  at::IntArrayRef get() const { return values_; }

 private:
  c10::SmallVector<int64_t, 6> values_;
};

// An int[]? list: a null pointer is None.
class OptionalIntList {
 public:
  OptionalIntList(const int64_t* values, int64_t count, int64_t size)
      : present_(values != nullptr), list_(values, present_ ? count : 0, size) {}
  operator at::OptionalIntArrayRef() const {
    return present_ ? at::OptionalIntArrayRef(list_.get()) : at::OptionalIntArrayRef();
  }
  operator at::OptionalSymIntArrayRef() const {
    return present_ ? at::OptionalSymIntArrayRef(sym_ints(list_.get())) : at::OptionalSymIntArrayRef();
  }
  operator c10::optional<at::IntArrayRef>() const {
    return present_ ? c10::optional<at::IntArrayRef>(list_.get()) : c10::nullopt;
  }
  bool present() const { return present_; }
  at::IntArrayRef get() const { return list_.get(); }

 private:
  bool present_;
  IntList list_;
};

class TensorList {
 public:
  TensorList(const itorch_tensor* const* slots, int64_t count, const char* name) {
    require(count >= 0, "a tensor list has a negative count");
    require(slots != nullptr || count == 0, "a tensor list is a null pointer with a non-zero count");
    items_.reserve(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) items_.push_back(input(slots[i], name));
  }
  explicit TensorList(c10::SmallVector<at::Tensor, 4> items) : items_(std::move(items)) {}
  operator at::TensorList() const { return items_; }
  operator at::ITensorListRef() const { return at::ITensorListRef(at::TensorList(items_)); }
  at::TensorList get() const { return items_; }

 private:
  c10::SmallVector<at::Tensor, 4> items_;
};

class OptionalTensorList {
 public:
  OptionalTensorList(const itorch_tensor* const* slots, int64_t count) {
    require(count >= 0, "a tensor list has a negative count");
    require(slots != nullptr || count == 0, "a tensor list is a null pointer with a non-zero count");
    for (int64_t i = 0; i < count; ++i) items_.push_back(optional_input(slots[i]));
  }
  explicit OptionalTensorList(c10::List<c10::optional<at::Tensor>> items) : items_(std::move(items)) {}
  operator const c10::List<c10::optional<at::Tensor>>&() const { return items_; }
  const c10::List<c10::optional<at::Tensor>>& get() const { return items_; }

 private:
  c10::List<c10::optional<at::Tensor>> items_;
};

template <class T>
c10::optional<T> optional(const T* value) {
  return value ? c10::optional<T>(*value) : c10::nullopt;
}

inline c10::optional<bool> optional_bool(const uint8_t* value) {
  return value ? c10::optional<bool>(*value != 0) : c10::nullopt;
}

class OptionalDoubleList {
 public:
  OptionalDoubleList(const double* values, int64_t count) : present_(values != nullptr) {
    require(count >= 0, "a list argument has a negative count");
    if (present_) values_.assign(values, values + count);
  }
  operator c10::optional<at::ArrayRef<double>>() const {
    return present_ ? c10::optional<at::ArrayRef<double>>(at::ArrayRef<double>(values_)) : c10::nullopt;
  }
  bool present() const { return present_; }
  at::ArrayRef<double> get() const { return values_; }

 private:
  bool present_;
  c10::SmallVector<double, 4> values_;
};

template <size_t N>
std::array<bool, N> BoolArray(const uint8_t* values, int64_t count, const char* name) {
  if (count != static_cast<int64_t>(N) || values == nullptr) {
    throw InvalidArgument(std::string("'") + name + "' needs " + std::to_string(N) + " values, got " +
                          std::to_string(values ? count : 0));
  }
  std::array<bool, N> result{};
  for (size_t i = 0; i < N; ++i) result[i] = values[i] != 0;
  return result;
}

inline at::Scalar scalar_or(const itorch_scalar* value, const at::Scalar& fallback) {
  return value ? scalar(*value) : fallback;
}

// A Scalar? argument, also for an op whose other libtorch versions take an int? here (std and
// var's correction: int? in 1.13, Scalar? in 2.x); that needs an integral value.
class OptionalScalar {
 public:
  explicit OptionalScalar(const itorch_scalar* value)
      : value_(value ? c10::optional<at::Scalar>(scalar(*value)) : c10::nullopt) {}
  operator c10::optional<at::Scalar>() const { return value_; }
  operator c10::optional<int64_t>() const {
    if (!value_) return c10::nullopt;
    require(value_->isIntegral(false), "this libtorch takes an integer here, not a floating-point or boolean Scalar");
    return value_->toLong();
  }
  const c10::optional<at::Scalar>& get() const { return value_; }

 private:
  c10::optional<at::Scalar> value_;
};

inline OptionalScalar optional_scalar(const itorch_scalar* value) { return OptionalScalar(value); }

inline c10::optional<at::ScalarType> optional_scalar_type(int32_t code) {
  return code < 0 ? c10::nullopt : c10::optional<at::ScalarType>(scalar_type(code));
}

c10::optional<at::Layout> optional_layout(int32_t code);
at::MemoryFormat memory_format(int32_t code);

inline c10::optional<at::MemoryFormat> optional_memory_format(int32_t code) {
  return code < 0 ? c10::nullopt : c10::optional<at::MemoryFormat>(memory_format(code));
}

inline c10::optional<at::Device> optional_device(int32_t type, int32_t index) {
  return type < 0 ? c10::nullopt : c10::optional<at::Device>(device(type, index));
}

inline c10::string_view text(const char* value, const char* name) {
  if (value == nullptr) throw InvalidArgument(std::string("string argument '") + name + "' is a null pointer");
  return c10::string_view(value, std::strlen(value));
}

inline c10::optional<c10::string_view> optional_text(const char* value) {
  return value ? c10::optional<c10::string_view>(c10::string_view(value, std::strlen(value))) : c10::nullopt;
}

// Named tensors: libtorch 2.14 has dropped them, with at::Dimname and every op that takes one. There
// a name stays text: the generated calls still compile, and the ops report that this libtorch
// lacks them (their structs stay incomplete).
#if ITORCH_OPS_DIMNAMES
using Dimname = at::Dimname;
#else
struct Dimname {
  std::string text;
};
#endif

Dimname dimname(const char* value, const char* name);

class DimnameList {
 public:
  DimnameList(const char* const* names, int64_t count, const char* name) {
    require(count >= 0, "a name list has a negative count");
    require(names != nullptr || count == 0, "a name list is a null pointer with a non-zero count");
    for (int64_t i = 0; i < count; ++i) names_.push_back(dimname(names[i], name));
  }
#if ITORCH_OPS_DIMNAMES
  operator at::DimnameList() const { return names_; }
#endif
  c10::ArrayRef<Dimname> get() const { return names_; }

 private:
  std::vector<Dimname> names_;
};

class OptionalDimnameList {
 public:
  OptionalDimnameList(const char* const* names, int64_t count)
      : present_(names != nullptr), list_(names, present_ ? count : 0, "names") {}
#if ITORCH_OPS_DIMNAMES
  operator c10::optional<at::DimnameList>() const {
    return present_ ? c10::optional<at::DimnameList>(list_.get()) : c10::nullopt;
  }
#endif
  bool present() const { return present_; }
  c10::ArrayRef<Dimname> get() const { return list_.get(); }

 private:
  bool present_;
  DimnameList list_;
};

}  // namespace itorch::ops
