// Reductions and shape operations. Their results are fresh tensors or views.
#include <vector>

#include "result.hpp"

using itorch::assign;
using itorch::guarded;
using itorch::input;
using itorch::int_list;

extern "C" {

int32_t itorch_sum(itorch_tensor* out, const itorch_tensor* a) {
  return assign(out, [&] { return at::sum(input(a, "a")); });
}

int32_t itorch_sum_dims(itorch_tensor* out, const itorch_tensor* a, const int64_t* dims, int32_t ndims,
                        int32_t keepdim) {
  return assign(out, [&] { return at::sum(input(a, "a"), int_list(dims, ndims, "dims"), keepdim != 0); });
}

int32_t itorch_mean(itorch_tensor* out, const itorch_tensor* a) {
  return assign(out, [&] { return at::mean(input(a, "a")); });
}

int32_t itorch_mean_dims(itorch_tensor* out, const itorch_tensor* a, const int64_t* dims, int32_t ndims,
                         int32_t keepdim) {
  return assign(out, [&] { return at::mean(input(a, "a"), int_list(dims, ndims, "dims"), keepdim != 0); });
}

int32_t itorch_max(itorch_tensor* out, const itorch_tensor* a) {
  return assign(out, [&] { return at::max(input(a, "a")); });
}

int32_t itorch_max_dim(itorch_tensor* values, itorch_tensor* indices, const itorch_tensor* a, int64_t dim,
                       int32_t keepdim) {
  return guarded([&] {
    itorch::ResultSlot values_out(values);
    itorch::ResultSlot indices_out(indices);
    itorch::require(values != indices, "values and indices must be different slots");
    auto result = at::max(input(a, "a"), dim, keepdim != 0);
    values_out.assign(std::get<0>(result));
    indices_out.assign(std::get<1>(result));
  });
}

int32_t itorch_argmax(itorch_tensor* out, const itorch_tensor* a) {
  return assign(out, [&] { return at::argmax(input(a, "a")); });
}

int32_t itorch_argmax_dim(itorch_tensor* out, const itorch_tensor* a, int64_t dim, int32_t keepdim) {
  return assign(out, [&] { return at::argmax(input(a, "a"), dim, keepdim != 0); });
}

int32_t itorch_view(itorch_tensor* out, const itorch_tensor* a, const int64_t* sizes, int32_t ndim) {
  return assign(out, [&] { return input(a, "a").view(int_list(sizes, ndim, "sizes")); });
}

int32_t itorch_reshape(itorch_tensor* out, const itorch_tensor* a, const int64_t* sizes, int32_t ndim) {
  return assign(out, [&] { return input(a, "a").reshape(int_list(sizes, ndim, "sizes")); });
}

int32_t itorch_flatten(itorch_tensor* out, const itorch_tensor* a, int64_t start_dim, int64_t end_dim) {
  return assign(out, [&] { return input(a, "a").flatten(start_dim, end_dim); });
}

int32_t itorch_permute(itorch_tensor* out, const itorch_tensor* a, const int64_t* dims, int32_t ndims) {
  return assign(out, [&] { return input(a, "a").permute(int_list(dims, ndims, "dims")); });
}

int32_t itorch_cat(itorch_tensor* out, const itorch_tensor* const* tensors, int32_t count, int64_t dim) {
  return assign(out, [&] {
    itorch::require(count > 0, "cat needs at least one tensor");
    itorch::require(tensors != nullptr, "the tensor list pointer is null");
    std::vector<at::Tensor> parts;
    parts.reserve(static_cast<size_t>(count));
    for (int32_t i = 0; i < count; ++i) parts.push_back(input(tensors[i], "tensors[i]"));
    return at::cat(parts, dim);
  });
}

}  // extern "C"
