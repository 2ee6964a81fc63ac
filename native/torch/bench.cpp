// Benchmark-only exports: the loops a C++ user of libtorch would write, timed natively.
#include <chrono>

#include "shim.hpp"

extern "C" int32_t itorch_bench_add_loop(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b,
                                         int64_t iterations, int64_t* elapsed_ns) {
  return itorch::guarded([&] {
    itorch::require(elapsed_ns != nullptr, "the elapsed_ns pointer is null");
    itorch::require(iterations >= 0, "iterations must not be negative");
    const at::Tensor& x = itorch::input(a, "a");
    const at::Tensor& y = itorch::input(b, "b");
    at::Tensor& result = itorch::output(out);
    itorch::require(result.defined(), "the output slot must hold a preallocated tensor");
    const auto start = std::chrono::steady_clock::now();
    for (int64_t i = 0; i < iterations; ++i) at::add_out(result, x, y);
    const auto stop = std::chrono::steady_clock::now();
    *elapsed_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(stop - start).count();
  });
}
