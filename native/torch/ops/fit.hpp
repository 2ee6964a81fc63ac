// Whether an op may write into its result slots through its out= form. libtorch's out= forms
// resize a result of another shape (with a warning) and cast into one of another dtype, which
// would change a caller's tensor behind its back. So the out= form is used only when every
// slot already holds a tensor of exactly the result's shape, dtype and device, that no input
// aliases, and when autograd is not recording. The result's shape and dtype come from the op
// itself, run on the meta device and remembered per thread for the arguments' key
// (describe.hpp): a loop that calls an op with the same shapes pays for the meta run once.
#pragma once

#include <array>
#include <tuple>

#include "../result_slot.hpp"
#include "describe.hpp"
#include "meta.hpp"

namespace itorch::ops {

constexpr size_t max_predicted_results = 4;

struct Prediction {
  const void* op = nullptr;
  Key key;
  bool usable = false;
  std::array<c10::SmallVector<int64_t, 6>, max_predicted_results> sizes;
  std::array<at::ScalarType, max_predicted_results> dtypes{};
};

// The calling thread's remembered prediction for this op: a small direct-mapped table,
// so that a loop over a few ops keeps all of theirs.
Prediction& remembered(const void* op);

template <class Op>
inline const char op_id = 0;

// Compares the storages themselves: Tensor::is_alias_of is an out-of-line call into c10, and in
// 1.13 it throws for a tensor without storage, such as a sparse input to a dense result.
inline bool shares_storage(const at::Tensor& a, const at::Tensor& b) {
  const c10::StorageImpl* storage = a.unsafeGetTensorImpl()->unsafe_storage().unsafeGetStorageImpl();
  return storage != nullptr && storage == b.unsafeGetTensorImpl()->unsafe_storage().unsafeGetStorageImpl();
}
// A loop, not std::equal: for a handful of sizes the call to memcmp costs more than comparing.
inline bool same_sizes(at::IntArrayRef a, at::IntArrayRef b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Visits every tensor among the arguments.
template <class F>
void each_tensor(const at::Tensor& t, F& f) {
  if (t.defined()) f(t);
}
template <class F>
void each_tensor(const c10::optional<at::Tensor>& t, F& f) {
  if (t) each_tensor(*t, f);
}
template <class F>
void each_tensor(const MutableTensor& t, F& f) {
  each_tensor(t.get(), f);
}
template <class F>
void each_tensor(const TensorList& list, F& f) {
  for (const at::Tensor& t : list.get()) each_tensor(t, f);
}
template <class F>
void each_tensor(const OptionalTensorList& list, F& f) {
  for (size_t i = 0; i < list.get().size(); ++i) each_tensor(c10::optional<at::Tensor>(list.get()[i]), f);
}
template <class T, class F>
void each_tensor(const T&, F&) {}

// A factory op's tensor options: a device argument decides the result's device; a layout other
// than strided never fits a slot.
inline void options(const c10::optional<at::Device>& requested, at::Device& device, bool& seen, bool& usable) {
  if (!requested) return;
  if (seen && *requested != device) usable = false;
  device = *requested;
  seen = true;
}
inline void options(const c10::optional<at::Layout>& layout, at::Device&, bool&, bool& usable) {
  if (layout && *layout != at::kStrided) usable = false;
}
template <class T>
void options(const T&, at::Device&, bool&, bool&) {}

template <class Op, class Arguments, size_t N>
bool predict(Arguments& arguments, Prediction& prediction) {
  try {
    auto meta = std::apply([](const auto&... a) { return Op::call(to_meta(a)...); }, arguments);
    if constexpr (N == 1) {
      prediction.sizes[0].assign(meta.sizes().begin(), meta.sizes().end());
      prediction.dtypes[0] = meta.scalar_type();
    } else {
      size_t i = 0;
      std::apply(
          [&](const auto&... t) {
            ((prediction.sizes[i].assign(t.sizes().begin(), t.sizes().end()), prediction.dtypes[i] = t.scalar_type(), ++i),
             ...);
          },
          meta);
    }
    return true;
  } catch (const std::exception&) {
    // No meta kernel (common in 1.13), or a result whose shape depends on the data.
    return false;
  }
}

// The remembered prediction when the out= form may write into the slots, else null.
template <class Op, class Arguments, size_t N>
Prediction* fit(Arguments& arguments, std::array<ResultSlot, N>& results) {
  if constexpr (N > max_predicted_results) {
    return nullptr;
  } else {
    for (size_t i = 0; i < N; ++i) {
      const at::Tensor& out = results[i].current();
      if (!out.defined() || out.numel() == 0 || out.requires_grad() || !out.is_non_overlapping_and_dense()) return nullptr;
      for (size_t j = 0; j < i; ++j) {
        if (shares_storage(out, results[j].current())) return nullptr;
      }
    }
    bool usable = true;
    bool seen = false;
    at::Device device(at::kCPU);
    auto check = [&](const at::Tensor& t) {
      if (t.requires_grad() && at::GradMode::is_enabled()) usable = false;
      if (!seen) {
        device = t.device();
        seen = true;
      } else if (t.device() != device) {
        usable = false;
      }
      for (ResultSlot& r : results) {
        if (shares_storage(t, r.current())) usable = false;
      }
    };
    std::apply([&](const auto&... a) { (each_tensor(a, check), ...); }, arguments);
    // Factory ops say the result's device in their device argument, else it is the CPU or, for
    // the *_like ops, their input's.
    std::apply([&](const auto&... a) { (options(a, device, seen, usable), ...); }, arguments);
    if (!usable) return nullptr;

    Key key;
    std::apply([&](const auto&... a) { (describe(key, a), ...); }, arguments);
    if (!key.complete()) return nullptr;
    Prediction& prediction = remembered(&op_id<Op>);
    if (prediction.op != &op_id<Op> || !(prediction.key == key)) {
      prediction.op = &op_id<Op>;
      prediction.key = key;
      prediction.usable = predict<Op, Arguments, N>(arguments, prediction);
    }
    if (!prediction.usable) return nullptr;
    for (size_t i = 0; i < N; ++i) {
      const at::Tensor& out = results[i].current();
      if (out.device() != device || out.scalar_type() != prediction.dtypes[i] ||
          !same_sizes(out.sizes(), prediction.sizes[i])) {
        return nullptr;
      }
    }
    return &prediction;
  }
}

}  // namespace itorch::ops
