/* itorch.h - the C ABI of the Interop torch shim.
 *
 * Rules (see DESIGN.md): fixed-width types only; every call that can fail returns an
 * int32_t status (ITORCH_OK = 0) and leaves the code and message of the failure in
 * thread-local storage, read with itorch_last_error_code / itorch_last_error_message.
 * No C++ exception ever crosses this boundary.
 *
 * A tensor handle is a slot: a native cell holding one tensor (or none). Ops take their
 * inputs and an output slot and assign the result into it. The ATen ops are generated, one
 * function per operator schema, in itorch_ops.h: they write into the slot's existing storage
 * (libtorch's out= form) when it already holds a tensor of the result's shape, dtype and
 * device and autograd is not involved, and otherwise rebind the slot to a fresh tensor (or a
 * view). A slot passed as output may also be one of the inputs.
 *
 * Slot rules, the same for every op:
 * - A slot may be used by several threads at once, e.g. rebound as one op's result while
 *   other threads read it as an input: a per-slot lock guards the slot's tensor while it is
 *   copied or replaced, so readers never see a freed tensor. The elements themselves are not
 *   guarded: a reader may see old, new or mixed values while an op writes into them.
 * - A slot whose storage is caller memory (itorch_from_blob, or a view of it) or is leased
 *   (itorch_tensor_lease) is never rebound: an op's result is copied into that storage, or the
 *   op fails with ITORCH_ERR_INVALID_ARGUMENT saying why (another shape, dtype or device, or a
 *   result that records gradients).
 *
 * Unless a comment says otherwise, handles are borrowed for the duration of the call,
 * and a null handle gives ITORCH_ERR_INVALID_ARGUMENT.
 */
#ifndef ITORCH_H
#define ITORCH_H

#include <stdint.h>

#if defined(_WIN32)
#define ITORCH_API __declspec(dllexport)
#else
#define ITORCH_API __attribute__((visibility("default")))
#endif

/* Marks getters that are trivial and never block, so the bindings may skip the GC
 * transition. Only clang (the binding generator) sees the annotation. */
#if defined(__clang__)
#define ITORCH_TRIVIAL __attribute__((annotate("itorch:trivial")))
#else
#define ITORCH_TRIVIAL
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status codes ---------------------------------------------------------------- */

typedef enum itorch_status {
  ITORCH_OK = 0,
  ITORCH_ERR_TORCH = 1,            /* c10::Error not covered below */
  ITORCH_ERR_INDEX = 2,            /* c10::IndexError */
  ITORCH_ERR_VALUE = 3,            /* c10::ValueError */
  ITORCH_ERR_TYPE = 4,             /* c10::TypeError */
  ITORCH_ERR_NOT_IMPLEMENTED = 5,  /* c10::NotImplementedError */
  ITORCH_ERR_OUT_OF_MEMORY = 6,    /* c10::OutOfMemoryError or std::bad_alloc */
  ITORCH_ERR_LINALG = 7,           /* c10::LinAlgError */
  ITORCH_ERR_INVALID_ARGUMENT = 8, /* rejected by the shim before reaching libtorch */
  ITORCH_ERR_STD = 9,              /* another std::exception */
  ITORCH_ERR_UNKNOWN = 10,         /* anything else that was thrown */
  ITORCH_ERR_CUDA_UNAVAILABLE = 11, /* CUDA asked of a libtorch or machine without it */
  ITORCH_ERR_NOT_SUPPORTED = 12     /* an op (itorch_ops.h) the libtorch at hand lacks */
} itorch_status;

/* Element types; the values equal c10::ScalarType's. */
typedef enum itorch_dtype {
  ITORCH_UINT8 = 0,
  ITORCH_INT8 = 1,
  ITORCH_INT16 = 2,
  ITORCH_INT32 = 3,
  ITORCH_INT64 = 4,
  ITORCH_FLOAT16 = 5,
  ITORCH_FLOAT32 = 6,
  ITORCH_FLOAT64 = 7,
  ITORCH_BOOL = 11,
  ITORCH_BFLOAT16 = 15
} itorch_dtype;

typedef enum itorch_device_type {
  ITORCH_CPU = 0,
  ITORCH_CUDA = 1
} itorch_device_type;

/* The `reduction` argument of the generated losses (itorch_ops.h); the values are at::Reduction's. */
typedef enum itorch_reduction {
  ITORCH_REDUCTION_NONE = 0,
  ITORCH_REDUCTION_MEAN = 1,
  ITORCH_REDUCTION_SUM = 2
} itorch_reduction;

typedef enum itorch_activation {
  ITORCH_ACTIVATION_RELU = 0,
  ITORCH_ACTIVATION_RELU6 = 1,
  ITORCH_ACTIVATION_SILU = 2,
  ITORCH_ACTIVATION_SIGMOID = 3
} itorch_activation;

typedef enum itorch_scalar_kind {
  ITORCH_SCALAR_FLOAT = 0, /* the value is in .real */
  ITORCH_SCALAR_INT = 1,   /* the value is in .integer */
  ITORCH_SCALAR_BOOL = 2   /* the value is .integer != 0 */
} itorch_scalar_kind;

/* A number passed by value. Integers stay integers: an int64 tensor plus an integer
 * scalar is an int64 tensor, as in PyTorch. */
typedef struct itorch_scalar {
  double real;
  int64_t integer;
  int32_t kind; /* itorch_scalar_kind */
} itorch_scalar;

/* A tensor slot. Opaque. */
typedef struct itorch_tensor itorch_tensor;

/* Called exactly once with `context` when the memory given to itorch_from_blob is no
 * longer used. It may run on any thread. */
typedef void (*itorch_release_fn)(void* context);

/* ---- Errors and library state ------------------------------------------------------ */

/* The status of the last failed call on this thread (ITORCH_OK if none failed yet). */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_last_error_code(void);

/* The message of the last failed call on this thread, UTF-8, never null. Borrowed: valid
 * until the next failing call on this thread. */
ITORCH_API ITORCH_TRIVIAL const char* itorch_last_error_message(void);

/* Number of live slots created by this shim (created minus freed), for leak tests. */
ITORCH_API ITORCH_TRIVIAL int64_t itorch_live_handles(void);

/* The libtorch version this shim was built against, e.g. "1.13.1". Static string. */
ITORCH_API const char* itorch_torch_version(void);

ITORCH_API int32_t itorch_manual_seed(int64_t seed);
/* Intra-op threads: libtorch's pool and, when libtorch uses OpenBLAS, OpenBLAS's pool too. */
ITORCH_API int32_t itorch_set_num_threads(int32_t threads);
ITORCH_API int32_t itorch_get_num_threads(void);

/* Autograd recording for the calling thread (libtorch's grad mode is thread-local). */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_is_grad_enabled(void);
ITORCH_API ITORCH_TRIVIAL void itorch_set_grad_enabled(int32_t enabled);

/* 1 if this libtorch was built with CUDA and a device is present. */
ITORCH_API int32_t itorch_cuda_is_available(void);

/* ---- CUDA ------------------------------------------------------------------------- */
/* The shim is built against either a CPU-only libtorch (every call below but the two
 * queries then gives ITORCH_ERR_CUDA_UNAVAILABLE, whose message says so and how to build
 * against a CUDA libtorch) or a CUDA libtorch (the calls then work where a device is present,
 * and give ITORCH_ERR_CUDA_UNAVAILABLE, "no CUDA device is present", where none is).
 * `device_index` is a CUDA device index, 0 to count - 1, or -1 for the current device;
 * another gives ITORCH_ERR_INVALID_ARGUMENT. */

/* Bytes of the CUDA caching allocator on one device, as torch.cuda.memory_stats reports them. */
typedef struct itorch_cuda_memory {
  int64_t allocated_bytes;      /* held by live tensors now */
  int64_t reserved_bytes;       /* taken from the driver by the allocator now: allocated plus its cache */
  int64_t peak_allocated_bytes; /* the most allocated since start or itorch_cuda_reset_peak_memory */
  int64_t peak_reserved_bytes;  /* the most reserved since start or itorch_cuda_reset_peak_memory */
} itorch_cuda_memory;

/* 1 if the shim was built against a libtorch with CUDA (whether or not a device is present). */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_cuda_is_built(void);

/* *out = the number of CUDA devices libtorch sees: 0 on a CPU-only libtorch or a machine
 * without a usable device (not an error). */
ITORCH_API int32_t itorch_cuda_device_count(int32_t* out);

/* Waits until every kernel queued on the device, on any stream, has finished. */
ITORCH_API int32_t itorch_cuda_synchronize(int32_t device_index);

/* Writes the device's caching-allocator figures into *out. */
ITORCH_API int32_t itorch_cuda_memory_stats(int32_t device_index, itorch_cuda_memory* out);

/* Starts the peak figures of itorch_cuda_memory_stats again from the current ones. */
ITORCH_API int32_t itorch_cuda_reset_peak_memory(int32_t device_index);

/* Returns the cached, unused blocks of the CUDA caching allocator to the driver, on every
 * device (torch.cuda.empty_cache): reserved bytes drop, memory held by live tensors stays. */
ITORCH_API int32_t itorch_cuda_empty_cache(void);

/* An uninitialised CPU tensor in page-locked (pinned) host memory, which CUDA copies
 * (itorch_to_device with non_blocking = 1) can read asynchronously. Pinning needs the CUDA
 * driver: without CUDA this gives ITORCH_ERR_CUDA_UNAVAILABLE (libtorch's own error would blame
 * the link). `sizes` holds `ndim` non-negative sizes, `dtype` is an itorch_dtype; the result is
 * assigned into the slot `out`. */
ITORCH_API int32_t itorch_empty_pinned(itorch_tensor* out, const int64_t* sizes, int32_t ndim, int32_t dtype);

/* ---- Slots ------------------------------------------------------------------------- */

/* Creates an empty slot (no tensor). Caller owns *out: free with itorch_tensor_free. */
ITORCH_API int32_t itorch_tensor_new(itorch_tensor** out);

/* Frees a slot and drops its reference to the tensor; the storage lives on while other
 * tensors (views) use it. Null is a no-op. */
ITORCH_API void itorch_tensor_free(itorch_tensor* tensor);

/* ---- Tensor lists ------------------------------------------------------------------ */

/* The result of an op that returns a list of tensors (itorch_ops.h). Opaque. */
typedef struct itorch_tensor_list itorch_tensor_list;

/* Creates an empty list. Caller owns *out: free with itorch_tensor_list_free. */
ITORCH_API int32_t itorch_tensor_list_new(itorch_tensor_list** out);

/* Frees a list and its references to the tensors. Null is a no-op. */
ITORCH_API void itorch_tensor_list_free(itorch_tensor_list* list);

/* Number of tensors in the list; -1 for a null handle. */
ITORCH_API ITORCH_TRIVIAL int64_t itorch_tensor_list_size(const itorch_tensor_list* list);

/* Assigns the list's tensor at `index` into the slot `out`, by the slot rules. */
ITORCH_API int32_t itorch_tensor_list_get(itorch_tensor* out, const itorch_tensor_list* list, int64_t index);

/* Makes `out` refer to the same tensor as `source` (no copy, like `b = a` in Python). */
ITORCH_API int32_t itorch_tensor_assign(itorch_tensor* out, const itorch_tensor* source);

/* ---- Queries ---------------------------------------------------------------------- */
/* These never fail. An empty slot or a null handle gives the value in the comment. */

/* 1 if the slot holds a tensor, else 0. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_defined(const itorch_tensor* tensor);
/* Number of dimensions, or -1. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_dim(const itorch_tensor* tensor);
/* Number of elements, or -1. */
ITORCH_API ITORCH_TRIVIAL int64_t itorch_tensor_numel(const itorch_tensor* tensor);
/* An itorch_dtype, or -1. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_dtype(const itorch_tensor* tensor);
/* An itorch_device_type, or -1. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_device_type(const itorch_tensor* tensor);
/* The device index (-1 for the CPU, or for an empty slot). */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_device_index(const itorch_tensor* tensor);
/* 1 if the elements are dense in row-major order, else 0. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_is_contiguous(const itorch_tensor* tensor);
/* 1 if autograd records operations on this tensor, else 0. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_requires_grad(const itorch_tensor* tensor);
/* 1 if both slots hold the very same tensor (Python's `a is b`: the same TensorImpl, not
 * merely one storage or equal values), else 0. */
ITORCH_API ITORCH_TRIVIAL int32_t itorch_tensor_is_same(const itorch_tensor* a, const itorch_tensor* b);

/* Size of dimension `dim` (negative counts from the end). */
ITORCH_API int32_t itorch_tensor_size(const itorch_tensor* tensor, int32_t dim, int64_t* out);

/* Writes the sizes into `sizes`, which holds `capacity` elements (at least dim()). */
ITORCH_API int32_t itorch_tensor_shape(const itorch_tensor* tensor, int64_t* sizes, int32_t capacity);

/* ---- Creation from data ------------------------------------------------------------ */
/* `sizes` holds `ndim` non-negative sizes; `dtype` is an itorch_dtype. The result is assigned
 * into the slot `out`. Tensors made by libtorch's factories (zeros, ones, full, rand, randn,
 * randint, arange, empty, ...) come from the generated ops of itorch_ops.h
 * (itorch_op_zeros, ...). */

/* Copies `count` elements of type `dtype` from `data` into a new CPU tensor of shape
 * `sizes`; count must equal the product of the sizes. */
ITORCH_API int32_t itorch_from_data(itorch_tensor* out, const void* data, int64_t count, const int64_t* sizes,
                                    int32_t ndim, int32_t dtype);

/* Wraps caller memory as a CPU tensor without copying. The shim takes ownership of
 * (release, context) in every case: release(context) is called exactly once, when the
 * last tensor using the memory is freed, or before this call returns if it fails.
 * `release` may be null when the caller keeps the memory alive longer than any tensor. */
ITORCH_API int32_t itorch_from_blob(itorch_tensor* out, void* data, const int64_t* sizes, int32_t ndim,
                                    int32_t dtype, itorch_release_fn release, void* context);

/* ---- Data access ------------------------------------------------------------------- */

/* Leases the storage of a CPU, contiguous tensor of type `dtype` for direct access: *data is
 * its first element and *count its element count. Until the matching itorch_tensor_unlease,
 * the slot is never rebound (see the slot rules above), so *data stays valid while the slot
 * lives. Leases may overlap, from any threads; each successful call needs one unlease. */
ITORCH_API int32_t itorch_tensor_lease(itorch_tensor* tensor, int32_t dtype, void** data, int64_t* count);

/* Ends one lease of itorch_tensor_lease. A null handle, or a slot with no lease, is a no-op. */
ITORCH_API void itorch_tensor_unlease(itorch_tensor* tensor);

/* The address of the first element of a CPU, contiguous tensor of type `dtype`. Borrowed:
 * valid while the tensor (or a view sharing its storage) lives and is not resized, and while
 * the slot is not rebound; itorch_tensor_lease guards against the latter. */
ITORCH_API int32_t itorch_tensor_data(const itorch_tensor* tensor, int32_t dtype, void** out);

/* Copies the tensor's elements, in row-major order, into `destination`, which holds
 * exactly `count` elements of type `dtype`. Works for any layout and device. */
ITORCH_API int32_t itorch_tensor_copy_to(const itorch_tensor* tensor, void* destination, int64_t count,
                                         int32_t dtype);

/* Overwrites the tensor's elements from `source` (exactly `count` elements of `dtype`,
 * row-major). Works for any layout and device. */
ITORCH_API int32_t itorch_tensor_copy_from(itorch_tensor* tensor, const void* source, int64_t count,
                                           int32_t dtype);

/* ---- Devices ----------------------------------------------------------------------- */
/* Every other op on tensors (arithmetic, activations, reductions, shapes, neural-network
 * functions, losses, dtype conversions, clone, detach, copy_) is a generated op of
 * itorch_ops.h. */

/* `a` on the device, a copy unless it is there already. A CUDA device asked of a shim or a
 * machine without CUDA gives ITORCH_ERR_CUDA_UNAVAILABLE. */
ITORCH_API int32_t itorch_to_device(itorch_tensor* out, const itorch_tensor* a, int32_t device_type,
                                    int32_t device_index, int32_t non_blocking);

/* ---- Autograd ---------------------------------------------------------------------- */

ITORCH_API int32_t itorch_set_requires_grad(itorch_tensor* tensor, int32_t requires_grad);
/* Backpropagates from a scalar tensor. */
ITORCH_API int32_t itorch_backward(const itorch_tensor* tensor);
/* Assigns the accumulated gradient into `out`; `out` becomes empty when there is none. */
ITORCH_API int32_t itorch_grad(itorch_tensor* out, const itorch_tensor* tensor);
/* Drops the accumulated gradient, as PyTorch's zero_grad(set_to_none=True). */
ITORCH_API int32_t itorch_clear_grad(itorch_tensor* tensor);
/* PyTorch's torch.nn.utils.clip_grad_norm_ over the gradients of `count` parameters (each tensor
 * once; one without a gradient is left out): scales them in place so that their joint
 * `norm_type`-norm (INFINITY for the largest magnitude) is at most `max_norm`, and stores the norm
 * they had in *total_norm. With `error_if_nonfinite` 1, a NaN or infinite norm is an error and
 * the gradients stay as they were. */
ITORCH_API int32_t itorch_clip_grad_norm(const itorch_tensor* const* parameters, int32_t count, double max_norm,
                                         double norm_type, int32_t error_if_nonfinite, double* total_norm);
/* torch.nn.utils.clip_grad_value_: clamps every gradient into [-clip_value, clip_value]. */
ITORCH_API int32_t itorch_clip_grad_value(const itorch_tensor* const* parameters, int32_t count, double clip_value);

/* ---- Modules ----------------------------------------------------------------------- */
/* A module is a torch::nn module or a TorchScript module (itorch_module_load_script), with a
 * forward from one tensor to one tensor. Every constructor below gives the caller a new
 * handle in *out: free it with itorch_module_free.
 * Containers share their children: a child stays alive while any handle or container uses it. */

typedef struct itorch_module itorch_module;

/* A model of the zoo by name: simple_nn, simple_cnn, resnet18, resnet50, vgg16, mobilenet_v2,
 * efficientnet_b0. `name` is UTF-8; height and width are the input size the model expects. */
ITORCH_API int32_t itorch_module_zoo(itorch_module** out, const char* name, int64_t classes, int64_t in_channels,
                                     int64_t height, int64_t width);
ITORCH_API int32_t itorch_module_linear(itorch_module** out, int64_t in_features, int64_t out_features,
                                        int32_t bias);
ITORCH_API int32_t itorch_module_conv2d(itorch_module** out, int64_t in_channels, int64_t out_channels,
                                        int64_t kernel_h, int64_t kernel_w, int64_t stride_h, int64_t stride_w,
                                        int64_t padding_h, int64_t padding_w, int64_t groups, int32_t bias);
ITORCH_API int32_t itorch_module_batch_norm2d(itorch_module** out, int64_t features, double eps, double momentum);
ITORCH_API int32_t itorch_module_dropout(itorch_module** out, double p);
ITORCH_API int32_t itorch_module_flatten(itorch_module** out, int64_t start_dim, int64_t end_dim);
ITORCH_API int32_t itorch_module_identity(itorch_module** out);
/* kind: an itorch_activation. */
ITORCH_API int32_t itorch_module_activation(itorch_module** out, int32_t kind);
ITORCH_API int32_t itorch_module_max_pool2d(itorch_module** out, int64_t kernel_h, int64_t kernel_w,
                                            int64_t stride_h, int64_t stride_w, int64_t padding_h,
                                            int64_t padding_w);
ITORCH_API int32_t itorch_module_avg_pool2d(itorch_module** out, int64_t kernel_h, int64_t kernel_w,
                                            int64_t stride_h, int64_t stride_w, int64_t padding_h,
                                            int64_t padding_w);
ITORCH_API int32_t itorch_module_adaptive_avg_pool2d(itorch_module** out, int64_t output_h, int64_t output_w);
/* Runs `count` modules in order; they become its children (shared, not copied). */
ITORCH_API int32_t itorch_module_sequential(itorch_module** out, itorch_module* const* modules, int32_t count);

/* Drops the caller's reference. Null is a no-op. */
ITORCH_API void itorch_module_free(itorch_module* module);

/* out = module(input). */
ITORCH_API int32_t itorch_module_forward(itorch_tensor* out, itorch_module* module, const itorch_tensor* input);
/* Training mode (1) or evaluation mode (0), for the module and all its children. */
ITORCH_API int32_t itorch_module_set_training(itorch_module* module, int32_t training);
/* *out = 1 in training mode, 0 in evaluation mode. */
ITORCH_API int32_t itorch_module_is_training(itorch_module* module, int32_t* out);
ITORCH_API int32_t itorch_module_to_device(itorch_module* module, int32_t device_type, int32_t device_index);
/* The layer tree as PyTorch's print(model) writes it, in UTF-8 and not null-terminated:
 * *length = its length in bytes; it is written into `text` when it fits `capacity` bytes,
 * otherwise nothing is written and the caller asks again with a buffer of *length bytes. */
ITORCH_API int32_t itorch_module_describe(itorch_module* module, uint8_t* text, int32_t capacity, int32_t* length);
/* Number of parameter tensors (*tensors) and of scalar parameters in them (*elements). A
 * tensor reached twice (a layer used twice) counts once, as PyTorch's Module.parameters(). */
ITORCH_API int32_t itorch_module_parameter_count(itorch_module* module, int64_t* tensors, int64_t* elements);
/* Assigns the parameters, in registration order and each once, into the `count` slots of
 * `slots`; count must equal the number of parameter tensors. The slots share storage with the
 * module. */
ITORCH_API int32_t itorch_module_parameters(itorch_module* module, itorch_tensor* const* slots, int32_t count);

/* ---- Model summary ---------------------------------------------------------------- */
/* A summary trace records, on the calling thread, the output shape of every module forward,
 * and of the op that applies each of the `count` watched tensors (the model's parameters and
 * buffers) to the data, until itorch_summary_end: run one forward in between, then read the rows
 * of the modules and the shapes of the tensors. One trace at a time per thread. */
ITORCH_API int32_t itorch_summary_begin(const itorch_tensor* const* watched, int32_t count);
ITORCH_API int32_t itorch_summary_end(void);
/* The module tree with the running trace's shapes, in the text layout of itorch_module_describe:
 * a line per module, the module first, then its children depth-first; each line holds, separated
 * by tabs, the depth (0 for the module), the path of names (empty for the module), the type, the
 * output shape as comma-separated sizes or "-" when the trace saw none, then the module's own
 * trainable and frozen (requires_grad false) scalar parameters. */
ITORCH_API int32_t itorch_module_summary_rows(itorch_module* module, uint8_t* text, int32_t capacity, int32_t* length);
/* The output shape of the op that applied the watched `tensor` to the data (for a layer's weight,
 * the layer's output): *rank = its number of sizes, written into `shape` up to `capacity`, or -1
 * when the trace saw no such op. */
ITORCH_API int32_t itorch_summary_tensor_shape(const itorch_tensor* tensor, int64_t* shape, int32_t capacity, int32_t* rank);

/* ---- Module files ------------------------------------------------------------------ */
/* Paths are UTF-8 and null-terminated. Every file is checked before libtorch reads it: a file
 * that is not an intact zip archive, or any of whose records fails its CRC-32, gives
 * ITORCH_ERR_TORCH with a message that begins "the file is not an intact PyTorch archive". A
 * missing or foreign file gives a status (ITORCH_ERR_TORCH) whose message is libtorch's, with
 * the path added. */

/* Writes the parameters and buffers of `module` (any kind) to `path`, replacing the file, in
 * the layout of libtorch's C++ torch::save(module, path). */
ITORCH_API int32_t itorch_module_save(itorch_module* module, const char* path);

/* Copies the parameters and buffers saved at `path` into `module`. The file is one written by
 * itorch_module_save or C++ torch::save(module), a TorchScript file (torch.jit.save), or Python's
 * torch.save(model.state_dict()); its names and shapes must match the module's exactly, no
 * tensor missing and none extra.
 * Everything is checked before anything is copied: on failure the module is unchanged. Values
 * take the dtype and device of the module's tensors, which keep their storage. */
ITORCH_API int32_t itorch_module_load(itorch_module* module, const char* path);

/* Loads a TorchScript module saved by torch.jit.save (of torch.jit.script or torch.jit.trace)
 * onto the CPU, in the mode it was saved in. The module functions above drive it; its forward
 * must take one tensor and return one tensor (another result gives ITORCH_ERR_TYPE), and it
 * cannot be a child of itorch_module_sequential. Caller owns *out: free with
 * itorch_module_free. */
ITORCH_API int32_t itorch_module_load_script(itorch_module** out, const char* path);

/* A copy of `module` rewritten for inference by libtorch's own passes: its forward on `example`
 * (an input of the shape it will serve) traced in evaluation mode, with the parameters and
 * buffers as constants copied out of the module (a TorchScript module is frozen instead), then
 * torch::jit::optimize_for_inference (batch norm folded into the convolution before it, oneDNN
 * weight prepacking where the libtorch has oneDNN). The copy is a TorchScript module in
 * evaluation mode that serves inputs of the example's shape; the module is left unchanged. A
 * forward that branches on its input's values is traced along the branch `example` takes.
 * Caller owns *out: free with itorch_module_free. */
ITORCH_API int32_t itorch_module_optimize_for_inference(itorch_module* module, const itorch_tensor* example,
                                                        itorch_module** out);

/* ---- State dicts ------------------------------------------------------------------- */
/* A module's parameters and buffers under their dotted PyTorch names ("features.0.weight"), in
 * the order of PyTorch's state_dict(): a module's own parameters, then its buffers, then each
 * child's entries. A tensor shared by two children appears under both names, as in PyTorch. */

/* *count = the number of entries of the module's state dict. */
ITORCH_API int32_t itorch_module_state_count(itorch_module* module, int32_t* count);

/* Entry `index` of the module's state dict: the tensor is assigned into `slot` (sharing storage
 * with the module), *is_buffer = 1 for a buffer and 0 for a parameter, *name_length = the
 * name's length in UTF-8 bytes. The name, not null-terminated, is written into `name` when it
 * fits its `capacity` bytes; otherwise nothing is written there and the caller asks again with
 * a buffer of *name_length bytes. */
ITORCH_API int32_t itorch_module_state_entry(itorch_module* module, int32_t index, itorch_tensor* slot,
                                             uint8_t* name, int32_t capacity, int32_t* name_length,
                                             int32_t* is_buffer);

/* Writes `count` named tensors to `path` in the layout of itorch_module_save, so that the file
 * loads into a native module of the same names. `names` are UTF-8 and null-terminated; the name
 * "a.b.w" is tensor "w" of child "b" of child "a". `is_buffer[i]` is 1 for a buffer. An empty
 * name, an empty part ("a..b") or a name given twice gives ITORCH_ERR_INVALID_ARGUMENT. */
ITORCH_API int32_t itorch_state_save(const char* path, const char* const* names, const itorch_tensor* const* tensors,
                                     const int32_t* is_buffer, int32_t count);

/* Copies the tensors saved at `path` into the `count` named tensors, as itorch_module_load does
 * for a module: names and shapes must match exactly, and on failure nothing is copied. The file
 * is one written by itorch_state_save or itorch_module_save, a TorchScript file, or Python's
 * torch.save(model.state_dict()), whose names are matched as load_state_dict(strict=True) does. */
ITORCH_API int32_t itorch_state_load(const char* path, const char* const* names, const itorch_tensor* const* tensors,
                                     const int32_t* is_buffer, int32_t count);

/* ---- Optimizers -------------------------------------------------------------------- */
/* libtorch's own optimizers over `count` parameter tensors, which they share; a tensor listed
 * twice is updated once per step, as if listed once. Caller owns *out: free with
 * itorch_optimizer_free. */

typedef struct itorch_optimizer itorch_optimizer;

ITORCH_API int32_t itorch_optimizer_sgd(itorch_optimizer** out, const itorch_tensor* const* parameters,
                                        int32_t count, double learning_rate, double momentum, double weight_decay,
                                        int32_t nesterov);
/* Adam, or AdamW (decoupled weight decay) when `decoupled` is 1. */
ITORCH_API int32_t itorch_optimizer_adam(itorch_optimizer** out, const itorch_tensor* const* parameters,
                                         int32_t count, double learning_rate, double beta1, double beta2, double eps,
                                         double weight_decay, int32_t decoupled);
ITORCH_API void itorch_optimizer_free(itorch_optimizer* optimizer);
/* Clears the gradients (set to none, as PyTorch's default). */
ITORCH_API int32_t itorch_optimizer_zero_grad(itorch_optimizer* optimizer);
ITORCH_API int32_t itorch_optimizer_step(itorch_optimizer* optimizer);
ITORCH_API int32_t itorch_optimizer_get_learning_rate(itorch_optimizer* optimizer, double* out);
ITORCH_API int32_t itorch_optimizer_set_learning_rate(itorch_optimizer* optimizer, double learning_rate);
/* The momentum of every parameter group, as PyTorch's schedulers see it: SGD's momentum, or the
 * first beta of Adam and AdamW. */
ITORCH_API int32_t itorch_optimizer_get_momentum(itorch_optimizer* optimizer, double* out);
ITORCH_API int32_t itorch_optimizer_set_momentum(itorch_optimizer* optimizer, double momentum);
/* Adds a parameter group of `count` tensors, none of them in a group already, with the settings
 * of the first group (the optimizer's, as created), except the weight decay when `weight_decay`
 * is not null: PyTorch's add_param_group, as for biases and norms left out of the decay. */
ITORCH_API int32_t itorch_optimizer_add_parameter_group(itorch_optimizer* optimizer, const itorch_tensor* const* parameters,
                                                        int32_t count, const double* weight_decay);

/* ---- Mixed precision ----------------------------------------------------------------- */
/* Turns CPU autocast on for the calling thread in `dtype` (ITORCH_BFLOAT16), as Python's
 * torch.autocast("cpu", torch.bfloat16) does on entry: ops on its list (linear, convolutions,
 * matmul) then run in bfloat16 and the precision-sensitive ones (losses, softmax) in float32.
 * *previous_enabled and *previous_dtype receive the state to hand back to itorch_autocast_exit. */
ITORCH_API int32_t itorch_autocast_enter(int32_t dtype, int32_t* previous_enabled, int32_t* previous_dtype);
/* Restores the state itorch_autocast_enter reported; leaving the outermost scope clears the
 * cache of weights autocast cast. */
ITORCH_API int32_t itorch_autocast_exit(int32_t previous_enabled, int32_t previous_dtype);

#ifdef __cplusplus
}
#endif

#endif /* ITORCH_H */
