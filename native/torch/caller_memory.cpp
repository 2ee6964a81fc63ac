// Wrapping caller memory as a tensor, and recognising such tensors by their storage deleter.
#include "caller_memory.hpp"

#include "barrier.hpp"

namespace itorch {

namespace {

struct Release {
  itorch_release_fn release;
  void* context;
};

// The storage's deleter. Being this very function is also how is_caller_memory recognises
// the storage, so there is no per-tensor flag to keep in step with views.
void run_release(void* held) {
  std::unique_ptr<Release> owned(static_cast<Release*>(held));
  if (owned->release != nullptr) owned->release(owned->context);
}

}  // namespace

CallerRelease hold_release(itorch_release_fn release, void* context) {
  try {
    return CallerRelease(new Release{release, context}, &run_release);
  } catch (...) {
    if (release != nullptr) release(context);
    throw;
  }
}

at::Tensor wrap_caller_memory(void* data, at::IntArrayRef sizes, at::ScalarType type, CallerRelease release) {
  for (int64_t size : sizes) require(size >= 0, "sizes must not be negative");
  require(data != nullptr || c10::multiply_integers(sizes) == 0, "the data pointer is null");
  // context() takes ownership without throwing; from then on the tensor maker, then the
  // storage, runs the release, whether make_tensor succeeds or throws.
  return at::for_blob(data, sizes)
      .context(release.release(), &run_release)
      .options(at::TensorOptions().dtype(type))
      .make_tensor();
}

bool is_caller_memory(const at::Tensor& tensor) noexcept {
  return tensor.defined() && tensor.has_storage() && tensor.storage().data_ptr().get_deleter() == &run_release;
}

}  // namespace itorch
