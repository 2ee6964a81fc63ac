/* itorch_bench.h - benchmark-only loops, in a library of their own (libitorch_bench.so).
 *
 * Each export runs in C++ the loop that Interop's C# code runs over the same tensors, modules
 * and optimizers of libitorch.so, and times it: the ceiling any binding can reach. They are not
 * part of the product's C ABI (itorch.h) and follow its rules but one: a failure's code and
 * message are read with itorch_bench_last_error_code / itorch_bench_last_error_message, the
 * calling thread's last error of this library.
 */
#ifndef ITORCH_BENCH_H
#define ITORCH_BENCH_H

#include "itorch.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The losses the benchmark loops minimise. */
typedef enum itorch_loss {
  ITORCH_LOSS_CROSS_ENTROPY = 0, /* logits against int64 class indices */
  ITORCH_LOSS_MSE = 1,
  ITORCH_LOSS_BCE_WITH_LOGITS = 2 /* logits against 0/1 float targets of the same shape */
} itorch_loss;

/* Runs `iterations` of itorch_op_add_Tensor(out, a, b, NULL)'s work (at::add_out) in C++ and returns the elapsed
 * nanoseconds in *elapsed_ns. */
ITORCH_API int32_t itorch_bench_add_loop(itorch_tensor* out, const itorch_tensor* a, const itorch_tensor* b,
                                         int64_t iterations, int64_t* elapsed_ns);
/* Runs `steps` training steps in C++, each what the C# TorchTrainer does: copy `batch` and
 * `targets` into the loop's own input and target tensors, clear the gradients (to none),
 * forward, the loss (an itorch_loss), read the loss as a float, backward, optimizer step.
 * The module's training mode is the caller's to set. A NaN or infinite loss stops the loop
 * with an error. */
ITORCH_API int32_t itorch_bench_train_loop(itorch_module* module, itorch_optimizer* optimizer, int32_t loss,
                                           const itorch_tensor* batch, const itorch_tensor* targets,
                                           int64_t steps, int64_t* elapsed_ns);
/* Runs `iterations` inference calls in C++ without autograd, each what the C#
 * TorchPredictor does: copy `batch` into the loop's own input, forward, copy the output into
 * the tensor preallocated in the slot `out`. The module's evaluation mode is the caller's to set. */
ITORCH_API int32_t itorch_bench_infer_loop(itorch_module* module, const itorch_tensor* batch, itorch_tensor* out,
                                           int64_t iterations, int64_t* elapsed_ns);

/* The status of this thread's last failed call into this library (an itorch_status), and its message. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_bench_last_error_code(void);
ITORCH_API ITORCH_TRIVIAL const char* itorch_bench_last_error_message(void);

#ifdef __cplusplus
}
#endif

#endif /* ITORCH_BENCH_H */
