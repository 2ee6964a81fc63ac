#include "result_slot.hpp"

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

// Copies `fresh` into the caller memory under `target`, or says why it cannot.
void write_into_caller_memory(at::Tensor& target, const at::Tensor& fresh) {
  const char* rule = "the result tensor is over caller memory (Tensor.FromArray, FromMemory or FromPointer), "
                     "which an op never rebinds to a new tensor";
  if (fresh.requires_grad() && at::GradMode::is_enabled()) {
    throw InvalidArgument(std::string(rule) + "; this op's result records gradients, which caller memory cannot "
                          "carry: pass no result, or run the op with gradients disabled");
  }
  if (fresh.sizes() != target.sizes() || fresh.scalar_type() != target.scalar_type() ||
      fresh.device() != target.device()) {
    throw InvalidArgument(std::string(rule) + ", and the op's result (" + describe(fresh) +
                          ") does not fit it (" + describe(target) +
                          "): pass a result of the op's shape, dtype and device, or none");
  }
  if (fresh.is_same(target)) return;
  at::NoGradGuard no_grad;
  target.copy_(fresh);
}

}  // namespace

ResultSlot::ResultSlot(itorch_tensor* slot) : slot_(slot) {
  require(slot != nullptr, "the output tensor handle is null");
  current_ = read(*slot);
}

void ResultSlot::assign(at::Tensor fresh) {
  if (is_caller_memory(current_)) {
    write_into_caller_memory(current_, fresh);
    return;
  }
  // The slot's old tensor, returned, is released at the end of this statement, outside the lock.
  exchange(*slot_, std::move(fresh));
}

}  // namespace itorch
