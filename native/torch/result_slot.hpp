// The slot an op's result goes into. Every op writes its results through this class, so the
// slot rules hold for every op, hand-written or generated:
// - rebinding swaps the slot's tensor under the slot's lock (slot.hpp), so readers on other
//   threads keep a tensor that stays valid;
// - a slot over caller memory (caller_memory.hpp) or with its data leased (slot.hpp) is never
//   rebound: the result is copied into that storage, or the op throws saying why. A rebind
//   would leave the caller's array without the output, silently, or free leased memory.
#pragma once

#include <ATen/ATen.h>

#include "slot.hpp"

namespace itorch {

class ResultSlot {
 public:
  // Throws InvalidArgument for a null handle.
  explicit ResultSlot(itorch_tensor* slot);

  // The slot's tensor as the op began (undefined for an empty slot). Ops may write into its
  // storage (the *_out functions) when it fits the result exactly; they never resize it.
  at::Tensor& current() noexcept { return current_; }

  // Makes `fresh` the result: the slot is rebound to it, or, for caller memory or a leased
  // slot, `fresh` is copied into the slot's storage.
  void assign(at::Tensor fresh);

 private:
  itorch_tensor* slot_;
  at::Tensor current_;
};

}  // namespace itorch
