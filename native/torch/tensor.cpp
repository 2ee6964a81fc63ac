// Slots, queries, creation from data and caller memory, pinned memory, data access and moves between devices.
#include <cstring>

#include "caller_memory.hpp"
#include "handles.hpp"
#include "shim.hpp"

using itorch::guarded;
using itorch::input;
using itorch::require;

namespace {

template <class Create>
int32_t create(itorch_tensor* out, const int64_t* sizes, int32_t ndim, Create create_tensor) {
  return guarded([&] {
    itorch::ResultSlot result(out);
    result.assign(create_tensor(itorch::int_list(sizes, ndim, "sizes")));
  });
}

// Checks that a caller buffer of `count` elements of `dtype` matches the tensor exactly, so
// a copy can neither overrun the buffer nor leave part of it stale.
void require_matching_buffer(const at::Tensor& tensor, const void* buffer, int64_t count, int32_t dtype) {
  const at::ScalarType type = itorch::scalar_type(dtype);
  if (type != tensor.scalar_type()) {
    throw itorch::InvalidArgument(std::string("the buffer's element type is ") + c10::toString(type) +
                                  " but the tensor's dtype is " + c10::toString(tensor.scalar_type()));
  }
  if (count != tensor.numel()) {
    throw itorch::InvalidArgument("the buffer holds " + std::to_string(count) + " elements but the tensor has " +
                                  std::to_string(tensor.numel()));
  }
  require(buffer != nullptr || count == 0, "the buffer pointer is null");
}

// A CPU tensor over the caller's buffer, with the tensor's shape, for copy_ to convert layouts.
at::Tensor buffer_view(void* buffer, const at::Tensor& like) {
  return at::from_blob(buffer, like.sizes(), at::TensorOptions().dtype(like.scalar_type()));
}

bool is_dense_cpu(const at::Tensor& tensor) { return tensor.device().is_cpu() && tensor.is_contiguous(); }

// The first element of a tensor that direct access allows: CPU, contiguous, of type `dtype`.
void* direct_data(const at::Tensor& t, int32_t dtype) {
  require(t.device().is_cpu(), "direct data access needs a CPU tensor; copy it with CopyTo or move it with To");
  require(t.is_contiguous(), "direct data access needs a contiguous tensor; call Contiguous() or use CopyTo");
  const at::ScalarType type = itorch::scalar_type(dtype);
  if (type != t.scalar_type()) {
    throw itorch::InvalidArgument(std::string("the requested element type is ") + c10::toString(type) +
                                  " but the tensor's dtype is " + c10::toString(t.scalar_type()));
  }
  return t.data_ptr();
}

// A trivial getter's answer: `otherwise` for a null handle or an empty slot, else `get` of the
// slot's tensor, read under the slot's lock.
template <class T, class Get>
T query(const itorch_tensor* slot, T otherwise, Get get) {
  if (slot == nullptr) return otherwise;
  return itorch::peek(*slot, [&](const at::Tensor& t) { return t.defined() ? get(t) : otherwise; });
}

}  // namespace

extern "C" {

int32_t itorch_tensor_new(itorch_tensor** out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = new itorch_tensor();
    itorch::handle_created();
  });
}

void itorch_tensor_free(itorch_tensor* tensor) {
  if (tensor == nullptr) return;
  delete tensor;
  itorch::handle_freed();
}

int32_t itorch_tensor_assign(itorch_tensor* out, const itorch_tensor* source) {
  return guarded([&] { itorch::ResultSlot(out).assign(input(source, "source")); });
}

int32_t itorch_tensor_defined(const itorch_tensor* tensor) {
  return tensor != nullptr && itorch::peek(*tensor, [](const at::Tensor& t) { return t.defined(); }) ? 1 : 0;
}

int32_t itorch_tensor_dim(const itorch_tensor* tensor) {
  return query(tensor, -1, [](const at::Tensor& t) { return static_cast<int32_t>(t.dim()); });
}

int64_t itorch_tensor_numel(const itorch_tensor* tensor) {
  return query(tensor, int64_t{-1}, [](const at::Tensor& t) { return t.numel(); });
}

int32_t itorch_tensor_dtype(const itorch_tensor* tensor) {
  return query(tensor, -1, [](const at::Tensor& t) { return static_cast<int32_t>(t.scalar_type()); });
}

int32_t itorch_tensor_device_type(const itorch_tensor* tensor) {
  return query(tensor, -1, [](const at::Tensor& t) { return t.device().is_cuda() ? ITORCH_CUDA : ITORCH_CPU; });
}

int32_t itorch_tensor_device_index(const itorch_tensor* tensor) {
  return query(tensor, -1, [](const at::Tensor& t) { return static_cast<int32_t>(t.device().index()); });
}

int32_t itorch_tensor_is_contiguous(const itorch_tensor* tensor) {
  return query(tensor, 0, [](const at::Tensor& t) { return t.is_contiguous() ? 1 : 0; });
}

int32_t itorch_tensor_requires_grad(const itorch_tensor* tensor) {
  return query(tensor, 0, [](const at::Tensor& t) { return t.requires_grad() ? 1 : 0; });
}

int32_t itorch_tensor_is_same(const itorch_tensor* a, const itorch_tensor* b) {
  if (a == nullptr || b == nullptr) return 0;
  // Each slot is read under its own lock, one after the other (never both held).
  const at::Tensor x = itorch::read(*a);
  return x.defined() && x.is_same(itorch::read(*b)) ? 1 : 0;
}

int32_t itorch_tensor_size(const itorch_tensor* tensor, int32_t dim, int64_t* out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = input(tensor, "tensor").size(dim);
  });
}

int32_t itorch_tensor_shape(const itorch_tensor* tensor, int64_t* sizes, int32_t capacity) {
  return guarded([&] {
    const at::Tensor t = input(tensor, "tensor");
    if (capacity < t.dim()) {
      throw itorch::InvalidArgument("the shape buffer holds " + std::to_string(capacity) +
                                    " entries but the tensor has " + std::to_string(t.dim()) + " dimensions");
    }
    require(sizes != nullptr || t.dim() == 0, "the sizes pointer is null");
    for (int64_t i = 0; i < t.dim(); ++i) sizes[i] = t.size(i);
  });
}

int32_t itorch_empty_pinned(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype) {
  return create(out, sizes, ndim, [&](at::IntArrayRef s) {
    // Checked first: without CUDA, libtorch's own error ("Pinned memory requires CUDA ... One
    // common culprit is a lack of -Wl,--no-as-needed") points at the link, not at the libtorch.
    itorch::require_cuda();
    return at::empty(s, at::TensorOptions().dtype(itorch::scalar_type(dtype)).pinned_memory(true));
  });
}

int32_t itorch_from_data(itorch_tensor* out, const void* data, int64_t count, const int64_t* sizes, int32_t ndim,
                         int32_t dtype) {
  return guarded([&] {
    itorch::ResultSlot result(out);
    at::Tensor created = at::empty(itorch::int_list(sizes, ndim, "sizes"), at::TensorOptions().dtype(itorch::scalar_type(dtype)));
    require_matching_buffer(created, data, count, dtype);
    if (count > 0) std::memcpy(created.data_ptr(), data, static_cast<size_t>(created.nbytes()));
    result.assign(std::move(created));
  });
}

int32_t itorch_from_blob(itorch_tensor* out, void* data, const int64_t* sizes, int32_t ndim, int32_t dtype,
                         itorch_release_fn release, void* context) {
  // From here on release runs exactly once, whenever the storage goes, or when anything below throws.
  itorch::CallerRelease owner(nullptr, nullptr);
  const int32_t held = guarded([&] { owner = itorch::hold_release(release, context); });
  if (held != ITORCH_OK) return held;
  return guarded([&] {
    itorch::ResultSlot result(out);
    result.assign(itorch::wrap_caller_memory(data, itorch::int_list(sizes, ndim, "sizes"), itorch::scalar_type(dtype),
                                             std::move(owner)));
  });
}

int32_t itorch_tensor_lease(itorch_tensor* tensor, int32_t dtype, void** data, int64_t* count) {
  return guarded([&] {
    require(data != nullptr && count != nullptr, "the out pointers must not be null");
    const at::Tensor t = input(tensor, "tensor");
    void* first = direct_data(t, dtype);
    if (!itorch::begin_lease(*tensor, t)) {
      throw itorch::InvalidArgument("another thread rebound the tensor slot while it was being leased; lease it again");
    }
    *data = first;
    *count = t.numel();
  });
}

void itorch_tensor_unlease(itorch_tensor* tensor) {
  if (tensor != nullptr) itorch::end_lease(*tensor);
}

int32_t itorch_tensor_data(const itorch_tensor* tensor, int32_t dtype, void** out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = direct_data(input(tensor, "tensor"), dtype);
  });
}

int32_t itorch_tensor_copy_to(const itorch_tensor* tensor, void* destination, int64_t count, int32_t dtype) {
  return guarded([&] {
    const at::Tensor t = input(tensor, "tensor");
    require_matching_buffer(t, destination, count, dtype);
    if (count == 0) return;
    if (is_dense_cpu(t)) {
      std::memcpy(destination, t.data_ptr(), static_cast<size_t>(t.nbytes()));
      return;
    }
    at::NoGradGuard no_grad;
    buffer_view(destination, t).copy_(t);
  });
}

int32_t itorch_tensor_copy_from(itorch_tensor* tensor, const void* source, int64_t count, int32_t dtype) {
  return guarded([&] {
    const at::Tensor t = input(tensor, "tensor");
    require_matching_buffer(t, source, count, dtype);
    if (count == 0) return;
    if (is_dense_cpu(t)) {
      std::memcpy(t.data_ptr(), source, static_cast<size_t>(t.nbytes()));
      return;
    }
    // Writing through a parameter is allowed, as under torch.no_grad() in Python.
    at::NoGradGuard no_grad;
    t.copy_(buffer_view(const_cast<void*>(source), t));
  });
}

int32_t itorch_to_device(itorch_tensor* out, const itorch_tensor* a, int32_t device_type, int32_t device_index,
                         int32_t non_blocking) {
  return guarded([&] {
    itorch::ResultSlot(out).assign(input(a, "a").to(itorch::device(device_type, device_index), non_blocking != 0));
  });
}

}  // extern "C"
