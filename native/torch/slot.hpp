// The tensor slot, and the only ways to read it or rebind it. One slot may be used by several
// threads at once: one rebinding it as an op's result while others read it as an input. Its
// at::Tensor is a reference-counted pointer, so copying it while another thread replaces it
// could take a reference on a TensorImpl that is being freed (seen as SIGSEGV and heap
// corruption). A per-slot spin lock guards that pointer. It is held only to copy, read or swap
// it (a few instructions), never across a libtorch call and never two at once, so waits are
// short and no lock order can deadlock. Ops then work on their own reference.
#pragma once

#include <ATen/ATen.h>

#include <atomic>
#include <thread>

struct itorch_tensor {
  // Guarded by `busy`, like `leases`: touched only through the functions below.
  at::Tensor value;
  // Leases of the storage for direct access (itorch_tensor_lease): while any is held, the slot
  // is not rebound, so the data pointer a lease handed out stays valid.
  int32_t leases = 0;
  mutable std::atomic<bool> busy{false};
};

namespace itorch {

// Holds a slot's lock for its lifetime.
class SlotLock {
 public:
  explicit SlotLock(const itorch_tensor& slot) noexcept : busy_(slot.busy) {
    while (busy_.exchange(true, std::memory_order_acquire)) {
      // A holder keeps the lock for a few instructions; yield only when it seems descheduled.
      for (int spins = 0; busy_.load(std::memory_order_relaxed); ++spins) {
        if (spins >= max_spins) std::this_thread::yield();
      }
    }
  }
  ~SlotLock() { busy_.store(false, std::memory_order_release); }
  SlotLock(const SlotLock&) = delete;
  SlotLock& operator=(const SlotLock&) = delete;

 private:
  static constexpr int max_spins = 64;
  std::atomic<bool>& busy_;
};

// A reference of the caller's own to the slot's tensor (undefined for an empty slot).
inline at::Tensor read(const itorch_tensor& slot) noexcept {
  SlotLock lock(slot);
  return slot.value;
}

// `query(tensor)` on the slot's tensor under the lock, without taking a reference: for the
// trivial getters, which must stay cheap. `query` must only read fields.
template <class Query>
auto peek(const itorch_tensor& slot, Query query) noexcept {
  SlotLock lock(slot);
  return query(slot.value);
}

// Makes `fresh` the slot's tensor and returns true, leaving in `fresh` the tensor the slot
// held, for the caller to release after the lock is gone (a last reference frees storage,
// which is not a few instructions). Returns false, changing nothing, while the slot is leased.
inline bool rebind(itorch_tensor& slot, at::Tensor& fresh) noexcept {
  SlotLock lock(slot);
  if (slot.leases > 0) return false;
  std::swap(slot.value, fresh);
  return true;
}

// Counts a lease of `leased`, and returns true, if the slot still holds that tensor.
inline bool begin_lease(itorch_tensor& slot, const at::Tensor& leased) noexcept {
  SlotLock lock(slot);
  if (!slot.value.is_same(leased)) return false;
  ++slot.leases;
  return true;
}

inline void end_lease(itorch_tensor& slot) noexcept {
  SlotLock lock(slot);
  if (slot.leases > 0) --slot.leases;
}

}  // namespace itorch
