// The result rules of result_slot.hpp: rebinding under the slot lock, or copying into storage that must stay.
#include "result_slot.hpp"

// Since 2.x ATen.h no longer brings in GradMode and NoGradGuard.
#include <ATen/core/grad_mode.h>

#include <sstream>

#include "barrier.hpp"
#include "caller_memory.hpp"

namespace itorch {

namespace {

std::string describe(const at::Tensor& t) {
  std::ostringstream text;
  text << t.sizes() << ' ' << t.scalar_type() << " on " << t.device();
  return text.str();
}

// Copies `fresh` into `target`, the storage of a slot that must not be rebound (`why`), or
// says why it cannot.
void write_into(at::Tensor& target, const at::Tensor& fresh, const char* why) {
  const std::string rule = std::string("the result tensor ") + why + ", so an op never rebinds it to a new tensor";
  if (fresh.requires_grad() && at::GradMode::is_enabled()) {
    throw InvalidArgument(rule + "; this op's result records gradients, which a copy into it cannot carry: pass no "
                          "result, or run the op with gradients disabled");
  }
  if (fresh.sizes() != target.sizes() || fresh.scalar_type() != target.scalar_type() ||
      fresh.device() != target.device()) {
    throw InvalidArgument(rule + ", and the op's result (" + describe(fresh) + ") does not fit it (" +
                          describe(target) + "): pass a result of the op's shape, dtype and device, or none");
  }
  if (fresh.is_same(target)) return;
  at::NoGradGuard no_grad;
  target.copy_(fresh);
}

constexpr const char* caller_memory_reason =
    "is over caller memory (Tensor.FromArray, FromMemory or FromPointer, or a view of one)";
constexpr const char* leased_reason = "has its data leased (Tensor.LeaseData) until the lease is disposed";

}  // namespace

ResultSlot::ResultSlot(itorch_tensor* slot) : slot_(slot) {
  require(slot != nullptr, "the output tensor handle is null");
  current_ = read(*slot);
}

void ResultSlot::assign(at::Tensor fresh) {
  if (is_caller_memory(current_)) {
    write_into(current_, fresh, caller_memory_reason);
    return;
  }
  if (!rebind(*slot_, fresh)) {
    // Leased: the slot holds its tensor until the lease ends, so this read is that tensor.
    at::Tensor leased = read(*slot_);
    write_into(leased, fresh, leased_reason);
  }
  // On a rebind `fresh` now holds the slot's old tensor, released here, outside the lock.
}

}  // namespace itorch
