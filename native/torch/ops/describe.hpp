// What an op's result shape and dtype can depend on, written as a key of integers: the
// shapes, dtypes and devices of the tensor arguments and the values of the others. A Scalar
// counts by kind only (integer, float, bool, complex), as type promotion sees it. Two calls
// with equal keys give results of equal shape and dtype (fit.hpp relies on it).
#pragma once

#include <algorithm>

#include "arguments.hpp"

namespace itorch::ops {

class Key {
 public:
  static constexpr int capacity = 96;

  void add(int64_t value) {
    if (size_ < capacity) values_[size_] = value;
    ++size_;
  }
  // A key longer than the capacity is not cached.
  bool complete() const { return size_ <= capacity; }
  // A loop, not memcmp: keys are a handful of integers, and the call to memcmp cost more than
  // the comparison (2% of a 1-element add's time, docs/benchmarks.md).
  bool operator==(const Key& other) const {
    if (size_ != other.size_) return false;
    for (int i = 0; i < std::min(size_, capacity); ++i) {
      if (values_[i] != other.values_[i]) return false;
    }
    return true;
  }

 private:
  int size_ = 0;
  int64_t values_[capacity];
};

inline void describe(Key& key, const at::Tensor& t) {
  if (!t.defined()) {
    key.add(-1);
    return;
  }
  key.add(t.dim());
  for (int64_t size : t.sizes()) key.add(size);
  key.add(static_cast<int64_t>(t.scalar_type()) | (static_cast<int64_t>(t.device().type()) << 8) |
          (static_cast<int64_t>(t.device().index() + 1) << 16) |
          (static_cast<int64_t>(t.unsafeGetTensorImpl()->is_wrapped_number()) << 32));
}
inline void describe(Key& key, const c10::optional<at::Tensor>& t) { describe(key, t ? *t : at::Tensor()); }
inline void describe(Key& key, const MutableTensor& t) { describe(key, t.get()); }
inline void describe(Key& key, const TensorList& list) {
  key.add(static_cast<int64_t>(list.get().size()));
  for (const at::Tensor& t : list.get()) describe(key, t);
}
inline void describe(Key& key, const OptionalTensorList& list) {
  key.add(static_cast<int64_t>(list.get().size()));
  for (size_t i = 0; i < list.get().size(); ++i) {
    c10::optional<at::Tensor> t = list.get()[i];
    describe(key, t);
  }
}
inline void describe(Key& key, const Int& value) { key.add(value.get()); }
inline void describe(Key& key, const OptionalInt& value) {
  key.add(value.present());
  key.add(value.get());
}
inline void describe(Key& key, at::IntArrayRef values) {
  key.add(static_cast<int64_t>(values.size()));
  for (int64_t value : values) key.add(value);
}
inline void describe(Key& key, const IntList& list) { describe(key, list.get()); }
inline void describe(Key& key, const OptionalIntList& list) {
  key.add(list.present());
  describe(key, list.get());
}
inline void describe(Key& key, double value) {
  int64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  key.add(bits);
}
inline void describe(Key& key, bool value) { key.add(value); }
inline void describe(Key& key, const at::Scalar& value) {
  key.add(value.isBoolean() ? 0 : value.isIntegral(false) ? 1 : value.isFloatingPoint() ? 2 : 3);
}
inline void describe(Key& key, const OptionalScalar& value) {
  key.add(value.get().has_value());
  if (value.get()) describe(key, *value.get());
}
inline void describe(Key& key, at::ScalarType value) { key.add(static_cast<int64_t>(value)); }
inline void describe(Key& key, at::Layout value) { key.add(static_cast<int64_t>(value)); }
inline void describe(Key& key, at::MemoryFormat value) { key.add(static_cast<int64_t>(value)); }
inline void describe(Key& key, const at::Device& value) {
  key.add(static_cast<int64_t>(value.type()) * 1000 + value.index());
}
inline void describe(Key& key, c10::string_view text) {
  key.add(static_cast<int64_t>(text.size()));
  for (size_t i = 0; i < text.size(); i += sizeof(int64_t)) {
    int64_t chunk = 0;
    std::memcpy(&chunk, text.data() + i, std::min(sizeof(int64_t), text.size() - i));
    key.add(chunk);
  }
}
#if ITORCH_OPS_DIMNAMES
inline void describe(Key& key, const Dimname& name) { key.add(static_cast<int64_t>(name.symbol())); }
#else
inline void describe(Key& key, const Dimname& name) { describe(key, c10::string_view(name.text)); }
#endif
inline void describe(Key& key, c10::ArrayRef<Dimname> names) {
  key.add(static_cast<int64_t>(names.size()));
  for (const Dimname& name : names) describe(key, name);
}
inline void describe(Key& key, const DimnameList& list) { describe(key, list.get()); }
inline void describe(Key& key, const OptionalDimnameList& list) {
  key.add(list.present());
  describe(key, list.get());
}
inline void describe(Key& key, const OptionalDoubleList& list) {
  key.add(list.present());
  key.add(static_cast<int64_t>(list.get().size()));
  for (double value : list.get()) describe(key, value);
}
template <size_t N>
void describe(Key& key, const std::array<bool, N>& values) {
  for (bool value : values) key.add(value);
}
template <class T>
void describe(Key& key, const c10::optional<T>& value) {
  key.add(value.has_value());
  if (value) describe(key, *value);
}
inline void describe(Key& key, const c10::optional<at::Generator>&) { key.add(0); }

}  // namespace itorch::ops
