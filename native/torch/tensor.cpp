// Slots, queries, creation, data access and conversions.
#include <cstring>
#include <memory>

#include "handles.hpp"
#include "shim.hpp"

using itorch::guarded;
using itorch::input;
using itorch::output;
using itorch::require;

namespace {

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype(itorch::scalar_type(dtype)).device(itorch::device(device_type, device_index));
}

template <class Create>
int32_t create(itorch_tensor* out, const int64_t* sizes, int32_t ndim, Create create_tensor) {
  return guarded([&] {
    at::Tensor& result = output(out);
    result = create_tensor(itorch::int_list(sizes, ndim, "sizes"));
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
  return guarded([&] { output(out) = input(source, "source"); });
}

int32_t itorch_tensor_defined(const itorch_tensor* tensor) {
  return tensor != nullptr && tensor->value.defined() ? 1 : 0;
}

int32_t itorch_tensor_dim(const itorch_tensor* tensor) {
  return itorch_tensor_defined(tensor) ? static_cast<int32_t>(tensor->value.dim()) : -1;
}

int64_t itorch_tensor_numel(const itorch_tensor* tensor) {
  return itorch_tensor_defined(tensor) ? tensor->value.numel() : -1;
}

int32_t itorch_tensor_dtype(const itorch_tensor* tensor) {
  return itorch_tensor_defined(tensor) ? static_cast<int32_t>(tensor->value.scalar_type()) : -1;
}

int32_t itorch_tensor_device_type(const itorch_tensor* tensor) {
  if (!itorch_tensor_defined(tensor)) return -1;
  return tensor->value.device().is_cuda() ? ITORCH_CUDA : ITORCH_CPU;
}

int32_t itorch_tensor_device_index(const itorch_tensor* tensor) {
  return itorch_tensor_defined(tensor) ? tensor->value.device().index() : -1;
}

int32_t itorch_tensor_is_contiguous(const itorch_tensor* tensor) {
  return itorch_tensor_defined(tensor) && tensor->value.is_contiguous() ? 1 : 0;
}

int32_t itorch_tensor_requires_grad(const itorch_tensor* tensor) {
  return itorch_tensor_defined(tensor) && tensor->value.requires_grad() ? 1 : 0;
}

int32_t itorch_tensor_is_same(const itorch_tensor* a, const itorch_tensor* b) {
  return itorch_tensor_defined(a) && itorch_tensor_defined(b) && a->value.is_same(b->value) ? 1 : 0;
}

int32_t itorch_tensor_size(const itorch_tensor* tensor, int32_t dim, int64_t* out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    *out = input(tensor, "tensor").size(dim);
  });
}

int32_t itorch_tensor_shape(const itorch_tensor* tensor, int64_t* sizes, int32_t capacity) {
  return guarded([&] {
    const at::Tensor& t = input(tensor, "tensor");
    if (capacity < t.dim()) {
      throw itorch::InvalidArgument("the shape buffer holds " + std::to_string(capacity) +
                                    " entries but the tensor has " + std::to_string(t.dim()) + " dimensions");
    }
    require(sizes != nullptr || t.dim() == 0, "the sizes pointer is null");
    for (int64_t i = 0; i < t.dim(); ++i) sizes[i] = t.size(i);
  });
}

int32_t itorch_empty(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype, int32_t device_type,
                     int32_t device_index) {
  return create(out, sizes, ndim,
                [&](at::IntArrayRef s) { return at::empty(s, options(dtype, device_type, device_index)); });
}

int32_t itorch_empty_pinned(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype) {
  return create(out, sizes, ndim, [&](at::IntArrayRef s) {
    // Checked first: without CUDA, libtorch's own error ("Pinned memory requires CUDA ... One
    // common culprit is a lack of -Wl,--no-as-needed") points at the link, not at the libtorch.
    itorch::require_cuda();
    return at::empty(s, at::TensorOptions().dtype(itorch::scalar_type(dtype)).pinned_memory(true));
  });
}

int32_t itorch_zeros(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype, int32_t device_type,
                     int32_t device_index) {
  return create(out, sizes, ndim,
                [&](at::IntArrayRef s) { return at::zeros(s, options(dtype, device_type, device_index)); });
}

int32_t itorch_ones(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype, int32_t device_type,
                    int32_t device_index) {
  return create(out, sizes, ndim,
                [&](at::IntArrayRef s) { return at::ones(s, options(dtype, device_type, device_index)); });
}

int32_t itorch_full(itorch_tensor* out, const int64_t* sizes, int32_t ndim, itorch_scalar value, int32_t dtype,
                    int32_t device_type, int32_t device_index) {
  return create(out, sizes, ndim, [&](at::IntArrayRef s) {
    return at::full(s, itorch::scalar(value), options(dtype, device_type, device_index));
  });
}

int32_t itorch_rand(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype, int32_t device_type,
                    int32_t device_index) {
  return create(out, sizes, ndim,
                [&](at::IntArrayRef s) { return at::rand(s, options(dtype, device_type, device_index)); });
}

int32_t itorch_randn(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype, int32_t device_type,
                     int32_t device_index) {
  return create(out, sizes, ndim,
                [&](at::IntArrayRef s) { return at::randn(s, options(dtype, device_type, device_index)); });
}

int32_t itorch_randint(itorch_tensor* out, int64_t low, int64_t high, const int64_t* sizes, int32_t ndim,
                       int32_t dtype, int32_t device_type, int32_t device_index) {
  return create(out, sizes, ndim, [&](at::IntArrayRef s) {
    return at::randint(low, high, s, options(dtype, device_type, device_index));
  });
}

int32_t itorch_arange(itorch_tensor* out, itorch_scalar start, itorch_scalar end, itorch_scalar step, int32_t dtype,
                      int32_t device_type, int32_t device_index) {
  return guarded([&] {
    at::Tensor& result = output(out);
    result = at::arange(itorch::scalar(start), itorch::scalar(end), itorch::scalar(step),
                        options(dtype, device_type, device_index));
  });
}

int32_t itorch_from_data(itorch_tensor* out, const void* data, int64_t count, const int64_t* sizes, int32_t ndim,
                         int32_t dtype) {
  return guarded([&] {
    at::Tensor& result = output(out);
    at::Tensor created = at::empty(itorch::int_list(sizes, ndim, "sizes"), at::TensorOptions().dtype(itorch::scalar_type(dtype)));
    require_matching_buffer(created, data, count, dtype);
    if (count > 0) std::memcpy(created.data_ptr(), data, static_cast<size_t>(created.nbytes()));
    result = std::move(created);
  });
}

int32_t itorch_from_blob(itorch_tensor* out, void* data, const int64_t* sizes, int32_t ndim, int32_t dtype,
                         itorch_release_fn release, void* context) {
  // The owner calls release exactly once, whenever its last copy goes: with the tensor's
  // storage on success, or during unwinding if anything below throws.
  struct Owner {
    itorch_release_fn release;
    void* context;
    Owner(itorch_release_fn release_fn, void* release_context) : release(release_fn), context(release_context) {}
    Owner(const Owner&) = delete;
    Owner& operator=(const Owner&) = delete;
    ~Owner() {
      if (release != nullptr) release(context);
    }
  };
  std::shared_ptr<Owner> owner;
  try {
    owner = std::make_shared<Owner>(release, context);
  } catch (...) {
    if (release != nullptr) release(context);
    return itorch::record_current_exception();
  }
  return guarded([&] {
    at::Tensor& result = output(out);
    const at::IntArrayRef shape = itorch::int_list(sizes, ndim, "sizes");
    const at::ScalarType type = itorch::scalar_type(dtype);
    for (int64_t size : shape) require(size >= 0, "sizes must not be negative");
    require(data != nullptr || c10::multiply_integers(shape) == 0, "the data pointer is null");
    result = at::from_blob(data, shape, [keep = std::move(owner)](void*) {}, at::TensorOptions().dtype(type));
  });
}

int32_t itorch_tensor_data(const itorch_tensor* tensor, int32_t dtype, void** out) {
  return guarded([&] {
    require(out != nullptr, "the out pointer is null");
    const at::Tensor& t = input(tensor, "tensor");
    require(t.device().is_cpu(), "direct data access needs a CPU tensor; copy it with CopyTo or move it with To");
    require(t.is_contiguous(), "direct data access needs a contiguous tensor; call Contiguous() or use CopyTo");
    const at::ScalarType type = itorch::scalar_type(dtype);
    if (type != t.scalar_type()) {
      throw itorch::InvalidArgument(std::string("the requested element type is ") + c10::toString(type) +
                                    " but the tensor's dtype is " + c10::toString(t.scalar_type()));
    }
    *out = t.data_ptr();
  });
}

int32_t itorch_tensor_copy_to(const itorch_tensor* tensor, void* destination, int64_t count, int32_t dtype) {
  return guarded([&] {
    const at::Tensor& t = input(tensor, "tensor");
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
    const at::Tensor& t = input(tensor, "tensor");
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

int32_t itorch_copy_(itorch_tensor* destination, const itorch_tensor* source) {
  return guarded([&] { input(destination, "destination").copy_(input(source, "source")); });
}

int32_t itorch_to_dtype(itorch_tensor* out, const itorch_tensor* a, int32_t dtype) {
  return guarded([&] { output(out) = input(a, "a").to(itorch::scalar_type(dtype)); });
}

int32_t itorch_to_device(itorch_tensor* out, const itorch_tensor* a, int32_t device_type, int32_t device_index,
                         int32_t non_blocking) {
  return guarded([&] {
    output(out) = input(a, "a").to(itorch::device(device_type, device_index), non_blocking != 0);
  });
}

int32_t itorch_contiguous(itorch_tensor* out, const itorch_tensor* a) {
  return guarded([&] { output(out) = input(a, "a").contiguous(); });
}

int32_t itorch_clone(itorch_tensor* out, const itorch_tensor* a) {
  return guarded([&] { output(out) = input(a, "a").clone(); });
}

int32_t itorch_detach(itorch_tensor* out, const itorch_tensor* a) {
  return guarded([&] { output(out) = input(a, "a").detach(); });
}

}  // extern "C"
