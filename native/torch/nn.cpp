// Neural-network functions, losses and autograd.
#include "result.hpp"

using itorch::assign;
using itorch::guarded;
using itorch::input;
using itorch::optional_input;

namespace {

int64_t reduction(int32_t value) {
  itorch::require(value == ITORCH_REDUCTION_NONE || value == ITORCH_REDUCTION_MEAN || value == ITORCH_REDUCTION_SUM,
                  "reduction must be 0 (none), 1 (mean) or 2 (sum)");
  return value;  // itorch_reduction's values are at::Reduction's.
}

}  // namespace

extern "C" {

int32_t itorch_linear(itorch_tensor* out, const itorch_tensor* input_, const itorch_tensor* weight,
                      const itorch_tensor* bias) {
  return assign(out, [&] { return at::linear(input(input_, "input"), input(weight, "weight"), optional_input(bias)); });
}

int32_t itorch_conv2d(itorch_tensor* out, const itorch_tensor* input_, const itorch_tensor* weight,
                      const itorch_tensor* bias, int64_t stride_h, int64_t stride_w, int64_t padding_h,
                      int64_t padding_w, int64_t dilation_h, int64_t dilation_w, int64_t groups) {
  return assign(out, [&] {
    return at::conv2d(input(input_, "input"), input(weight, "weight"), optional_input(bias), {stride_h, stride_w},
                      {padding_h, padding_w}, {dilation_h, dilation_w}, groups);
  });
}

int32_t itorch_max_pool2d(itorch_tensor* out, const itorch_tensor* input_, int64_t kernel_h, int64_t kernel_w,
                          int64_t stride_h, int64_t stride_w, int64_t padding_h, int64_t padding_w,
                          int32_t ceil_mode) {
  return assign(out, [&] {
    return at::max_pool2d(input(input_, "input"), {kernel_h, kernel_w}, {stride_h, stride_w}, {padding_h, padding_w},
                          {1, 1}, ceil_mode != 0);
  });
}

int32_t itorch_avg_pool2d(itorch_tensor* out, const itorch_tensor* input_, int64_t kernel_h, int64_t kernel_w,
                          int64_t stride_h, int64_t stride_w, int64_t padding_h, int64_t padding_w,
                          int32_t ceil_mode, int32_t count_include_pad) {
  return assign(out, [&] {
    return at::avg_pool2d(input(input_, "input"), {kernel_h, kernel_w}, {stride_h, stride_w}, {padding_h, padding_w},
                          ceil_mode != 0, count_include_pad != 0);
  });
}

int32_t itorch_adaptive_avg_pool2d(itorch_tensor* out, const itorch_tensor* input_, int64_t output_h,
                                   int64_t output_w) {
  return assign(out, [&] { return at::adaptive_avg_pool2d(input(input_, "input"), {output_h, output_w}); });
}

int32_t itorch_batch_norm(itorch_tensor* out, const itorch_tensor* input_, const itorch_tensor* weight,
                          const itorch_tensor* bias, itorch_tensor* running_mean, itorch_tensor* running_var,
                          int32_t training, double momentum, double eps) {
  return assign(out, [&] {
    return at::batch_norm(input(input_, "input"), optional_input(weight), optional_input(bias),
                          optional_input(running_mean), optional_input(running_var), training != 0, momentum, eps,
                          /*cudnn_enabled=*/true);
  });
}

int32_t itorch_dropout(itorch_tensor* out, const itorch_tensor* input_, double p, int32_t training) {
  return assign(out, [&] {
    itorch::require(p >= 0.0 && p <= 1.0, "dropout probability must be between 0 and 1");
    return at::dropout(input(input_, "input"), p, training != 0);
  });
}

int32_t itorch_cross_entropy(itorch_tensor* out, const itorch_tensor* input_, const itorch_tensor* target,
                             int32_t reduction_) {
  return assign(out, [&] {
    return at::cross_entropy_loss(input(input_, "input"), input(target, "target"), c10::nullopt,
                                  reduction(reduction_));
  });
}

int32_t itorch_mse_loss(itorch_tensor* out, const itorch_tensor* input_, const itorch_tensor* target,
                        int32_t reduction_) {
  return assign(out, [&] {
    return at::mse_loss(input(input_, "input"), input(target, "target"), reduction(reduction_));
  });
}

int32_t itorch_bce_with_logits(itorch_tensor* out, const itorch_tensor* input_, const itorch_tensor* target,
                               int32_t reduction_) {
  return assign(out, [&] {
    return at::binary_cross_entropy_with_logits(input(input_, "input"), input(target, "target"), c10::nullopt,
                                                c10::nullopt, reduction(reduction_));
  });
}

int32_t itorch_set_requires_grad(itorch_tensor* tensor, int32_t requires_grad) {
  return guarded([&] { input(tensor, "tensor").set_requires_grad(requires_grad != 0); });
}

int32_t itorch_backward(const itorch_tensor* tensor) {
  return guarded([&] { input(tensor, "tensor").backward(); });
}

int32_t itorch_grad(itorch_tensor* out, const itorch_tensor* tensor) {
  return assign(out, [&] { return input(tensor, "tensor").grad(); });
}

int32_t itorch_clear_grad(itorch_tensor* tensor) {
  return guarded([&] { input(tensor, "tensor").mutable_grad().reset(); });
}

}  // extern "C"
