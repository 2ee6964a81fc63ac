// libitorch_bench.so (itorch_bench.h): the loops a C++ user of libtorch would write, timed
// natively over the same tensors, modules and optimizers the C# loops use. The library is built
// from the shim's sources, so it reads libitorch.so's handles through the same structs; its
// exception barrier (errors.cpp, linked in) records into a last error of its own.
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "itorch_bench.h"
#include "module.hpp"
#include "optimizer.hpp"
#include "shim.hpp"

using itorch::require;

namespace {

using Clock = std::chrono::steady_clock;

int64_t nanoseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
}

at::Tensor loss_of(int32_t kind, const at::Tensor& output, const at::Tensor& target) {
  switch (kind) {
    case ITORCH_LOSS_CROSS_ENTROPY:
      return at::cross_entropy_loss(output, target);
    case ITORCH_LOSS_MSE:
      return at::mse_loss(output, target);
    case ITORCH_LOSS_BCE_WITH_LOGITS:
      return at::binary_cross_entropy_with_logits(output, target);
    default:
      throw std::invalid_argument("unknown loss " + std::to_string(kind));
  }
}

// Whether `out` already holds a tensor of exactly this shape, dtype and device, outside autograd.
bool fits(const at::Tensor& out, at::IntArrayRef sizes, at::ScalarType dtype, const at::Device& device) {
  return out.defined() && !out.requires_grad() && out.scalar_type() == dtype && out.device() == device &&
         out.sizes() == sizes;
}

// The tensor in a result slot, which the loops write into without rebinding the slot.
at::Tensor preallocated(const itorch_tensor* out) {
  require(out != nullptr, "the output slot must hold a preallocated tensor, not be a null handle");
  at::Tensor tensor = itorch::read(*out);
  require(tensor.defined(), "the output slot must hold a preallocated tensor");
  return tensor;
}

void require_timing_arguments(int64_t count, const int64_t* elapsed_ns) {
  require(elapsed_ns != nullptr, "the elapsed_ns pointer is null");
  require(count >= 0, "the step count must not be negative");
}

}  // namespace

extern "C" {

int32_t itorch_bench_add_loop(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b, int64_t iterations,
                              int64_t* elapsed_ns) {
  return itorch::guarded([&] {
    require_timing_arguments(iterations, elapsed_ns);
    const at::Tensor x = itorch::input(a, "a");
    const at::Tensor y = itorch::input(b, "b");
    at::Tensor result = preallocated(out);
    // The loop times adding into the result's own storage, so the result must be the sum's shape,
    // dtype and device already: add_out would resize it otherwise, also over caller memory that
    // cannot grow (the fuzzer read past such a buffer).
    require(fits(result, at::infer_size_dimvector(x.sizes(), y.sizes()), at::result_type(x, y), x.device()),
            "the output slot must hold a preallocated tensor of the sum's shape, dtype and device");
    const auto start = Clock::now();
    for (int64_t i = 0; i < iterations; ++i) at::add_out(result, x, y);
    *elapsed_ns = nanoseconds_since(start);
  });
}

int32_t itorch_bench_train_loop(itorch_module* module, itorch_optimizer* optimizer, int32_t loss,
                                const itorch_tensor* batch, const itorch_tensor* targets, int64_t steps,
                                int64_t* elapsed_ns) {
  return itorch::guarded([&] {
    require_timing_arguments(steps, elapsed_ns);
    itorch_module& model = itorch::module_of(module);
    torch::optim::Optimizer& optim = itorch::optimizer_of(optimizer);
    const at::Tensor batch_source = itorch::input(batch, "batch");
    const at::Tensor target_source = itorch::input(targets, "targets");
    at::Tensor input = at::empty_like(batch_source);
    at::Tensor target = at::empty_like(target_source);
    const auto start = Clock::now();
    for (int64_t step = 0; step < steps; ++step) {
      input.copy_(batch_source);
      target.copy_(target_source);
      itorch::clear_gradients(optim);
      at::Tensor value = loss_of(loss, model.forward(input), target);
      const float scalar = value.item<float>();
      if (!std::isfinite(scalar)) throw std::runtime_error("the loss became " + std::to_string(scalar));
      value.backward();
      optim.step();
    }
    *elapsed_ns = nanoseconds_since(start);
  });
}

int32_t itorch_bench_infer_loop(itorch_module* module, const itorch_tensor* batch, itorch_tensor* out,
                                int64_t iterations, int64_t* elapsed_ns) {
  return itorch::guarded([&] {
    require_timing_arguments(iterations, elapsed_ns);
    itorch_module& model = itorch::module_of(module);
    const at::Tensor batch_source = itorch::input(batch, "batch");
    at::Tensor result = preallocated(out);
    at::NoGradGuard no_grad;
    at::Tensor input = at::empty_like(batch_source);
    const auto start = Clock::now();
    for (int64_t i = 0; i < iterations; ++i) {
      input.copy_(batch_source);
      result.copy_(model.forward(input));
    }
    *elapsed_ns = nanoseconds_since(start);
  });
}

int32_t itorch_bench_last_error_code(void) { return itorch_last_error_code(); }

const char* itorch_bench_last_error_message(void) { return itorch_last_error_message(); }

}  // extern "C"
