// Elementwise arithmetic, matmul and activations.
#include "result.hpp"

using itorch::binary;
using itorch::guarded;
using itorch::input;
using itorch::Promotion;
using itorch::unary;
using itorch::with_scalar;
using at::Scalar;
using at::Tensor;

extern "C" {

int32_t itorch_add(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b) {
  return binary(
      out, a, b, Promotion::keep, [](Tensor& r, const Tensor& x, const Tensor& y) { at::add_out(r, x, y); },
      [](const Tensor& x, const Tensor& y) { return at::add(x, y); });
}

int32_t itorch_sub(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b) {
  return binary(
      out, a, b, Promotion::keep, [](Tensor& r, const Tensor& x, const Tensor& y) { at::sub_out(r, x, y); },
      [](const Tensor& x, const Tensor& y) { return at::sub(x, y); });
}

int32_t itorch_mul(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b) {
  return binary(
      out, a, b, Promotion::keep, [](Tensor& r, const Tensor& x, const Tensor& y) { at::mul_out(r, x, y); },
      [](const Tensor& x, const Tensor& y) { return at::mul(x, y); });
}

int32_t itorch_div(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b) {
  return binary(
      out, a, b, Promotion::to_floating, [](Tensor& r, const Tensor& x, const Tensor& y) { at::div_out(r, x, y); },
      [](const Tensor& x, const Tensor& y) { return at::div(x, y); });
}

// libtorch has no out= form of the scalar overloads, so the tensor one is used with the
// scalar wrapped as the functional form does: marked as a plain number, so it takes part in
// type promotion as a Python scalar would.
int32_t itorch_add_scalar(itorch_tensor* out, const itorch_tensor* a, itorch_scalar b) {
  return with_scalar(
      out, a, b, Promotion::keep,
      [](Tensor& r, const Tensor& x, const Scalar& y) { at::add_out(r, x, at::native::wrapped_scalar_tensor(y)); },
      [](const Tensor& x, const Scalar& y) { return at::add(x, y); });
}

int32_t itorch_sub_scalar(itorch_tensor* out, const itorch_tensor* a, itorch_scalar b) {
  return with_scalar(
      out, a, b, Promotion::keep,
      [](Tensor& r, const Tensor& x, const Scalar& y) { at::sub_out(r, x, at::native::wrapped_scalar_tensor(y)); },
      [](const Tensor& x, const Scalar& y) { return at::sub(x, y); });
}

int32_t itorch_mul_scalar(itorch_tensor* out, const itorch_tensor* a, itorch_scalar b) {
  return with_scalar(
      out, a, b, Promotion::keep,
      [](Tensor& r, const Tensor& x, const Scalar& y) { at::mul_out(r, x, at::native::wrapped_scalar_tensor(y)); },
      [](const Tensor& x, const Scalar& y) { return at::mul(x, y); });
}

int32_t itorch_div_scalar(itorch_tensor* out, const itorch_tensor* a, itorch_scalar b) {
  return with_scalar(
      out, a, b, Promotion::to_floating,
      [](Tensor& r, const Tensor& x, const Scalar& y) { at::div_out(r, x, at::native::wrapped_scalar_tensor(y)); },
      [](const Tensor& x, const Scalar& y) { return at::div(x, y); });
}

int32_t itorch_add_(itorch_tensor* self, const itorch_tensor* other) {
  return guarded([&] { input(self, "self").add_(input(other, "other")); });
}

int32_t itorch_sub_(itorch_tensor* self, const itorch_tensor* other) {
  return guarded([&] { input(self, "self").sub_(input(other, "other")); });
}

int32_t itorch_mul_(itorch_tensor* self, const itorch_tensor* other) {
  return guarded([&] { input(self, "self").mul_(input(other, "other")); });
}

int32_t itorch_div_(itorch_tensor* self, const itorch_tensor* other) {
  return guarded([&] { input(self, "self").div_(input(other, "other")); });
}

int32_t itorch_add_scalar_(itorch_tensor* self, itorch_scalar other) {
  return guarded([&] { input(self, "self").add_(itorch::scalar(other)); });
}

int32_t itorch_sub_scalar_(itorch_tensor* self, itorch_scalar other) {
  return guarded([&] { input(self, "self").sub_(itorch::scalar(other)); });
}

int32_t itorch_mul_scalar_(itorch_tensor* self, itorch_scalar other) {
  return guarded([&] { input(self, "self").mul_(itorch::scalar(other)); });
}

int32_t itorch_div_scalar_(itorch_tensor* self, itorch_scalar other) {
  return guarded([&] { input(self, "self").div_(itorch::scalar(other)); });
}

int32_t itorch_neg(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::keep, [](Tensor& r, const Tensor& x) { at::neg_out(r, x); },
      [](const Tensor& x) { return at::neg(x); });
}

int32_t itorch_exp(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::to_floating, [](Tensor& r, const Tensor& x) { at::exp_out(r, x); },
      [](const Tensor& x) { return at::exp(x); });
}

int32_t itorch_log(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::to_floating, [](Tensor& r, const Tensor& x) { at::log_out(r, x); },
      [](const Tensor& x) { return at::log(x); });
}

int32_t itorch_sqrt(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::to_floating, [](Tensor& r, const Tensor& x) { at::sqrt_out(r, x); },
      [](const Tensor& x) { return at::sqrt(x); });
}

int32_t itorch_matmul(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b) {
  return guarded([&] {
    const Tensor x = input(a, "a");
    const Tensor y = input(b, "b");
    itorch::ResultSlot slot(out);
    Tensor& result = slot.current();
    // mm_out covers the common 2-D case; it must not write into memory it reads, which a
    // result that is a view of an input would share.
    const bool plain_2d = x.dim() == 2 && y.dim() == 2 && x.size(1) == y.size(0);
    if (plain_2d && !itorch::records_grad(x) && !itorch::records_grad(y) &&
        itorch::fits(result, {x.size(0), y.size(1)}, at::result_type(x, y), x.device()) &&
        !result.is_alias_of(x) && !result.is_alias_of(y)) {
      at::mm_out(result, x, y);
    } else {
      slot.assign(at::matmul(x, y));
    }
  });
}

int32_t itorch_relu(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::keep, [](Tensor& r, const Tensor& x) { at::relu_out(r, x); },
      [](const Tensor& x) { return at::relu(x); });
}

int32_t itorch_sigmoid(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::to_floating, [](Tensor& r, const Tensor& x) { at::sigmoid_out(r, x); },
      [](const Tensor& x) { return at::sigmoid(x); });
}

int32_t itorch_tanh(itorch_tensor* out, const itorch_tensor* a) {
  return unary(
      out, a, Promotion::to_floating, [](Tensor& r, const Tensor& x) { at::tanh_out(r, x); },
      [](const Tensor& x) { return at::tanh(x); });
}

int32_t itorch_softmax(itorch_tensor* out, const itorch_tensor* a, int64_t dim) {
  return unary(
      out, a, Promotion::to_floating, [dim](Tensor& r, const Tensor& x) { at::softmax_out(r, x, dim); },
      [dim](const Tensor& x) { return at::softmax(x, dim); });
}

int32_t itorch_log_softmax(itorch_tensor* out, const itorch_tensor* a, int64_t dim) {
  return unary(
      out, a, Promotion::to_floating, [dim](Tensor& r, const Tensor& x) { at::log_softmax_out(r, x, dim); },
      [dim](const Tensor& x) { return at::log_softmax(x, dim); });
}

}  // extern "C"
