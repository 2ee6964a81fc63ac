// libFuzzer target over the shim's C ABI (itorch.h and the generated ops of itorch_ops.h): each
// input is a little program of calls with random arguments, run against a pool of tensor slots,
// modules and optimizers.
//
// The input is read as bytes: one opcode byte, then the argument bytes that opcode reads
// (see the Op enum). Reading past the end gives zeros, so every input is a valid program.
//
// What it checks, for every call and every input:
//   - nothing crashes, and ASan/UBSan see no memory error or undefined behaviour (the shim is
//     built with them; libtorch is not instrumented);
//   - every status is an itorch_status value, and a failing call leaves its code in
//     itorch_last_error_code and a non-empty itorch_last_error_message;
//   - buffers handed to copy_to/copy_from/from_data/shape hold exactly the count passed, so
//     ASan reports a read or write past what the caller said it has;
//   - after everything is freed, itorch_live_handles() is back where it started and every
//     itorch_from_blob release function ran exactly once.
// A failed check aborts, which libFuzzer reports as a crash with the input saved.
//
// What it does not do: hand the shim pointers it did not create or already freed. The ABI
// cannot validate arbitrary pointers (a handle is a raw pointer, as in any C API); callers
// must pass handles they own. Null handles and empty slots are fair game and are used often.
//
// Shapes stay tiny (at most 4 dimensions of at most 8) so that an input runs in milliseconds
// and nothing allocates much by construction. File-based calls (save, load, TorchScript)
// and the large zoo models are left out: they are slow and exercised by the other tests.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>
#include <vector>

#include "itorch.h"
#include "itorch_bench.h"
#include "itorch_ops.h"

namespace {

// ---- Reading the program -------------------------------------------------------------

class Program {
 public:
  Program(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool done() const { return position_ >= size_; }
  uint8_t byte() { return position_ < size_ ? data_[position_++] : 0; }
  int32_t below(int32_t n) { return static_cast<int32_t>(byte() % n); }
  // A small signed value in [low, high].
  int64_t range(int64_t low, int64_t high) { return low + static_cast<int64_t>(byte() % (high - low + 1)); }
  bool flag() { return (byte() & 1) != 0; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
};

// ---- Checking statuses ----------------------------------------------------------------

// ITORCH_FUZZ_TRACE=1 prints every call and its status, to read what a saved input does.
bool trace = false;

[[noreturn]] void fail(const char* what, const char* call, int32_t status) {
  std::fprintf(stderr, "itorch_fuzzer: %s (call %s, status %d)\n", what, call, status);
  std::abort();
}

// `last_code` and `last_message` read the last error of the library called (libitorch_bench.so has its own).
void check(int32_t status, const char* call, int32_t (*last_code)() = itorch_last_error_code,
           const char* (*last_message)() = itorch_last_error_message) {
  if (status < ITORCH_OK || status > ITORCH_ERR_NOT_SUPPORTED) fail("status is not an itorch_status", call, status);
  if (status == ITORCH_OK) {
    if (trace) std::fprintf(stderr, "%s -> 0\n", call);
    return;
  }
  if (trace) std::fprintf(stderr, "%s -> %d: %s\n", call, status, last_message());
  if (last_code() != status) fail("the last error code differs from the status", call, status);
  const char* message = last_message();
  if (message == nullptr || message[0] == '\0') fail("a failing call left an empty message", call, status);
}

#define CALL(expr) check((expr), #expr)
#define BENCH_CALL(expr) check((expr), #expr, itorch_bench_last_error_code, itorch_bench_last_error_message)

// ---- Arguments --------------------------------------------------------------------------

constexpr int kSlots = 4;
constexpr int kModules = 3;
constexpr int kOptimizers = 2;

// Every dtype code, plus two that are not.
const int32_t kDtypes[] = {ITORCH_UINT8,   ITORCH_INT8,    ITORCH_INT16, ITORCH_INT32, ITORCH_INT64, ITORCH_FLOAT16,
                           ITORCH_FLOAT32, ITORCH_FLOAT64, ITORCH_BOOL,  ITORCH_BFLOAT16, -1,       99};

size_t element_size(int32_t dtype) {
  switch (dtype) {
    case ITORCH_UINT8:
    case ITORCH_INT8:
    case ITORCH_BOOL:
      return 1;
    case ITORCH_INT16:
    case ITORCH_FLOAT16:
    case ITORCH_BFLOAT16:
      return 2;
    case ITORCH_INT32:
    case ITORCH_FLOAT32:
      return 4;
    default:
      return 8;  // int64, float64, and the unknown codes (which the shim must reject)
  }
}

struct Shape {
  int64_t sizes[4] = {0, 0, 0, 0};
  int32_t ndim = 0;
  int64_t numel() const {
    int64_t n = 1;
    for (int32_t i = 0; i < ndim; ++i) n *= sizes[i];
    return n;
  }
};

struct Pool {
  itorch_tensor* slots[kSlots] = {};
  itorch_module* modules[kModules] = {};
  itorch_optimizer* optimizers[kOptimizers] = {};
};

int live_blobs = 0;  // from_blob buffers whose release has not run yet

void release_blob(void* context) {
  std::free(context);
  --live_blobs;
}

class Fuzzer {
 public:
  explicit Fuzzer(Program& p) : p_(p) {}

  void run() {
    while (!p_.done()) step();
  }

  void free_all() {
    for (auto*& o : pool_.optimizers) itorch_optimizer_free(std::exchange(o, nullptr));
    for (auto*& m : pool_.modules) itorch_module_free(std::exchange(m, nullptr));
    for (auto*& s : pool_.slots) itorch_tensor_free(std::exchange(s, nullptr));
  }

 private:
  // A slot argument: one of the pool's (possibly not created, hence null) or an explicit null.
  itorch_tensor* slot() {
    const int32_t i = p_.below(kSlots + 1);
    return i < kSlots ? pool_.slots[i] : nullptr;
  }
  itorch_module* module() {
    const int32_t i = p_.below(kModules + 1);
    return i < kModules ? pool_.modules[i] : nullptr;
  }
  itorch_optimizer* optimizer() {
    const int32_t i = p_.below(kOptimizers + 1);
    return i < kOptimizers ? pool_.optimizers[i] : nullptr;
  }
  int32_t dtype() { return kDtypes[p_.below(sizeof(kDtypes) / sizeof(kDtypes[0]))]; }
  // Mostly the CPU; sometimes CUDA (unavailable here: a status) or a wrong code or index.
  void device(int32_t& type, int32_t& index) {
    const uint8_t b = p_.byte();
    type = b < 200 ? ITORCH_CPU : b < 240 ? ITORCH_CUDA : static_cast<int32_t>(b);
    index = (b & 7) == 7 ? 1 : -1;
  }
  Shape shape() {
    Shape s;
    s.ndim = p_.below(5);
    for (int32_t i = 0; i < s.ndim; ++i) s.sizes[i] = p_.below(9);
    return s;
  }
  // Size or dim lists for view/reshape/permute/reductions: may hold -1, negative dims and a
  // huge size, but never implies a big allocation (the numel check fails first).
  int32_t int_list(int64_t* values, int64_t low, int64_t high) {
    const int32_t n = p_.below(5);
    for (int32_t i = 0; i < n; ++i) values[i] = p_.byte() == 255 ? (int64_t{1} << 40) : p_.range(low, high);
    return n;
  }
  // A layout code for the factory ops: None, strided, or one that is not a layout. The sparse
  // layouts are left out: their tensors are a different kind of object that most ops refuse.
  int32_t layout() {
    const int32_t codes[] = {-1, -1, 0, 99};
    return codes[p_.below(4)];
  }
  // A memory format code: None, contiguous, preserve, channels-last, or one that is not one.
  int32_t memory_format() {
    const int32_t codes[] = {-1, -1, 0, 1, 2, 99};
    return codes[p_.below(6)];
  }
  // An optional bool (`bool?`): null for None, else 0 or 1 in `storage`.
  const uint8_t* optional_flag(uint8_t& storage) {
    const int32_t k = p_.below(3);
    storage = static_cast<uint8_t>(k - 1);
    return k == 0 ? nullptr : &storage;
  }
  // An int[2] argument of a convolution or pool: a count of 0 (the default), 1 (both) or 2, or
  // a count of 3, which is one too many.
  int64_t pair(int64_t* values, int64_t low, int64_t high) {
    const int64_t n = p_.below(4);
    for (int64_t i = 0; i < n; ++i) values[i] = p_.range(low, high);
    return n;
  }
  itorch_scalar scalar() {
    itorch_scalar s{};
    s.kind = p_.below(4);  // 3 is not a kind
    const uint8_t b = p_.byte();
    const double reals[] = {0.0, 1.0, -1.5, 0.5, 1e30, -1e-30, NAN, INFINITY};
    s.real = b < 8 ? reals[b] : static_cast<double>(static_cast<int8_t>(b)) / 4.0;
    s.integer = static_cast<int8_t>(p_.byte());
    return s;
  }
  // An optional scalar (`Scalar?`): null for None, else a scalar in `storage`.
  const itorch_scalar* optional_scalar(itorch_scalar& storage) {
    if (p_.flag()) return nullptr;
    storage = scalar();
    return &storage;
  }
  double real() {
    const double reals[] = {0.0, 0.1, 0.5, 1.0, -0.5, 2.0, 1e-5, NAN};
    return reals[p_.below(8)];
  }
  int64_t numel_of(itorch_tensor* t) {
    const int64_t n = itorch_tensor_numel(t);
    return n < 0 ? 0 : n;
  }
  // A count near the slot's element count: usually right, sometimes off by a bit, or negative.
  int64_t count_near(int64_t numel) {
    switch (p_.below(8)) {
      case 0:
        return numel + 1;
      case 1:
        return numel - 1;
      case 2:
        return -static_cast<int64_t>(p_.below(3)) - 1;
      default:
        return numel;
    }
  }

  void step() {
    switch (p_.below(21)) {
      case 0: return slot_new();
      case 1: return slot_free();
      case 2: return create();
      case 3: return from_data();
      case 4: return copy_out();
      case 5: return copy_in();
      case 6: return data_access();
      case 7: return binary();
      case 8: return with_scalar();
      case 9: return unary();
      case 10: return reduce();
      case 11: return reshape();
      case 12: return nn();
      case 13: return query();
      case 14: return autograd();
      case 15: return module_new();
      case 16: return module_use();
      case 17: return optimizer_ops();
      case 18: return from_blob();
      case 19: return generated();
      default: return misc();
    }
  }

  void slot_new() {
    const int32_t i = p_.below(kSlots);
    itorch_tensor_free(pool_.slots[i]);
    pool_.slots[i] = nullptr;
    CALL(itorch_tensor_new(&pool_.slots[i]));
  }

  void slot_free() {
    const int32_t i = p_.below(kSlots);
    itorch_tensor_free(pool_.slots[i]);
    pool_.slots[i] = nullptr;
  }

  void create() {
    itorch_tensor* out = slot();
    const Shape s = shape();
    const int32_t type = dtype();
    int32_t dev, index;
    device(dev, index);
    const int32_t layout_code = layout();
    uint8_t pin = 0;
    const uint8_t* pin_memory = optional_flag(pin);
    switch (p_.below(8)) {
      case 0:
        CALL(itorch_op_empty_memory_format(out, s.sizes, s.ndim, type, layout_code, dev, index, pin_memory,
                                           memory_format()));
        break;
      case 1: CALL(itorch_op_zeros(out, s.sizes, s.ndim, type, layout_code, dev, index, pin_memory)); break;
      case 2: CALL(itorch_op_ones(out, s.sizes, s.ndim, type, layout_code, dev, index, pin_memory)); break;
      case 3: CALL(itorch_op_full(out, s.sizes, s.ndim, scalar(), type, layout_code, dev, index, pin_memory)); break;
      case 4: CALL(itorch_op_rand(out, s.sizes, s.ndim, type, layout_code, dev, index, pin_memory)); break;
      case 5: CALL(itorch_op_randn(out, s.sizes, s.ndim, type, layout_code, dev, index, pin_memory)); break;
      case 6:
        CALL(itorch_op_randint_low(out, p_.range(-4, 4), p_.range(-4, 8), s.sizes, s.ndim, type, layout_code, dev,
                                   index, pin_memory));
        break;
      default: {
        // Bounded by construction: |end - start| <= 64 and |step| >= 0.25 (or 0, an error).
        itorch_scalar start{static_cast<double>(p_.range(-8, 8)), p_.range(-8, 8), p_.below(2)};
        itorch_scalar end{static_cast<double>(p_.range(-8, 8)), p_.range(-8, 8), p_.below(2)};
        const double steps[] = {0.0, 1.0, -1.0, 0.25, -0.5, 2.0, NAN, 3.0};
        const int32_t k = p_.below(8);
        itorch_scalar step{steps[k], k == 6 ? 0 : static_cast<int64_t>(steps[k]), p_.below(3)};
        CALL(itorch_op_arange_start_step(out, start, end, p_.flag() ? nullptr : &step, type, layout_code, dev, index,
                                         pin_memory));
      }
    }
    // A null sizes pointer with a non-zero count must be rejected, not read.
    if (p_.byte() == 7) CALL(itorch_op_zeros(out, nullptr, s.ndim, type, -1, dev, index, nullptr));
    // So must a negative count; and 65 dimensions of size 1, from a buffer that holds them, are
    // libtorch's to accept or refuse.
    if (p_.byte() == 7) {
      const std::vector<int64_t> ones(65, 1);
      CALL(itorch_op_zeros(out, ones.data(), p_.flag() ? -1 : 65, type, -1, dev, index, nullptr));
    }
  }

  void from_data() {
    itorch_tensor* out = slot();
    const Shape s = shape();
    const int32_t type = dtype();
    const int64_t count = count_near(s.numel());
    std::vector<uint8_t> buffer(static_cast<size_t>(count > 0 ? count : 0) * element_size(type));
    for (auto& b : buffer) b = p_.byte();
    const void* data = buffer.empty() ? (p_.flag() ? nullptr : static_cast<const void*>(&s)) : buffer.data();
    CALL(itorch_from_data(out, data, count, s.sizes, s.ndim, type));
  }

  void from_blob() {
    itorch_tensor* out = slot();
    const Shape s = shape();
    const int32_t type = dtype();
    const size_t bytes = static_cast<size_t>(s.numel()) * element_size(type);
    void* memory = std::calloc(bytes > 0 ? bytes : 1, 1);
    ++live_blobs;
    if (p_.flag()) {
      CALL(itorch_from_blob(out, memory, s.sizes, s.ndim, type, release_blob, memory));
    } else {
      // Null data is only accepted for an empty tensor.
      CALL(itorch_from_blob(out, nullptr, s.sizes, s.ndim, type, release_blob, memory));
    }
  }

  void copy_out() {
    itorch_tensor* t = slot();
    const int32_t type = dtype();
    const int64_t count = count_near(numel_of(t));
    std::vector<uint8_t> buffer(static_cast<size_t>(count > 0 ? count : 0) * element_size(type));
    CALL(itorch_tensor_copy_to(t, buffer.empty() ? nullptr : buffer.data(), count, type));
  }

  void copy_in() {
    itorch_tensor* t = slot();
    const int32_t type = dtype();
    const int64_t count = count_near(numel_of(t));
    std::vector<uint8_t> buffer(static_cast<size_t>(count > 0 ? count : 0) * element_size(type));
    for (auto& b : buffer) b = p_.byte();
    CALL(itorch_tensor_copy_from(t, buffer.empty() ? nullptr : buffer.data(), count, type));
  }

  void data_access() {
    itorch_tensor* t = slot();
    const int32_t type = dtype();
    void* data = nullptr;
    const int32_t status = itorch_tensor_data(t, type, p_.byte() == 0 ? nullptr : &data);
    check(status, "itorch_tensor_data");
    if (status != ITORCH_OK || data == nullptr) return;
    // Touch every byte the pointer is said to cover: ASan checks the extent.
    const size_t bytes = static_cast<size_t>(itorch_tensor_numel(t)) * element_size(type);
    volatile uint8_t sum = 0;
    for (size_t i = 0; i < bytes; ++i) sum = sum + static_cast<uint8_t*>(data)[i];
    (void)sum;
  }

  void binary() {
    itorch_tensor* out = slot();
    itorch_tensor* a = slot();
    itorch_tensor* b = slot();
    // libtorch's autograd keeps a tensor that a graph saved for backward by a strong reference.
    // An in-place op that autograd records on that tensor with an operand computed from it
    // (x = randn; y = linear(x); x.add_(y)) makes the tensor part of its own history: a
    // reference cycle inside libtorch that is never freed, with or without the shim (see
    // docs/fuzzing.md). So in-place ops whose source requires grad run with recording off
    // here, which keeps LSan's per-input leak check exact for everything the shim allocates.
    const bool record = itorch_is_grad_enabled() != 0;
    if (itorch_tensor_requires_grad(b) != 0) itorch_set_grad_enabled(0);
    binary_op(out, a, b);
    itorch_set_grad_enabled(record);
  }

  void binary_op(itorch_tensor* out, itorch_tensor* a, itorch_tensor* b) {
    itorch_scalar alpha_storage;
    switch (p_.below(14)) {
      case 0: CALL(itorch_op_add_Tensor(out, a, b, optional_scalar(alpha_storage))); break;
      case 1: CALL(itorch_op_sub_Tensor(out, a, b, optional_scalar(alpha_storage))); break;
      case 2: CALL(itorch_op_mul_Tensor(out, a, b)); break;
      case 3: CALL(itorch_op_div_Tensor(out, a, b)); break;
      case 4: CALL(itorch_op_add__Tensor(a, b, optional_scalar(alpha_storage))); break;
      case 5: CALL(itorch_op_sub__Tensor(a, b, optional_scalar(alpha_storage))); break;
      case 6: CALL(itorch_op_mul__Tensor(a, b)); break;
      case 7: CALL(itorch_op_div__Tensor(a, b)); break;
      case 8: CALL(itorch_op_matmul(out, a, b)); break;
      case 9: CALL(itorch_op_copy_(a, b, p_.flag())); break;
      case 10: CALL(itorch_tensor_assign(out, a)); break;
      case 11: CALL(itorch_op_mse_loss(out, a, b, p_.range(-1, 3))); break;
      case 12: {
        itorch_tensor* weight = slot();
        const int64_t reduction = p_.range(-1, 3);
        CALL(itorch_op_cross_entropy_loss(out, a, b, weight, reduction, p_.range(-101, 3), real()));
        break;
      }
      default: {
        int64_t elapsed = 0;
        BENCH_CALL(itorch_bench_add_loop(out, a, b, p_.range(-1, 3), p_.flag() ? &elapsed : nullptr));
      }
    }
  }

  void with_scalar() {
    itorch_tensor* out = slot();
    itorch_tensor* a = slot();
    const itorch_scalar s = scalar();
    itorch_scalar alpha_storage;
    switch (p_.below(8)) {
      case 0: CALL(itorch_op_add_Scalar(out, a, s, optional_scalar(alpha_storage))); break;
      case 1: CALL(itorch_op_sub_Scalar(out, a, s, optional_scalar(alpha_storage))); break;
      case 2: CALL(itorch_op_mul_Scalar(out, a, s)); break;
      case 3: CALL(itorch_op_div_Scalar(out, a, s)); break;
      case 4: CALL(itorch_op_add__Scalar(a, s, optional_scalar(alpha_storage))); break;
      case 5: CALL(itorch_op_sub__Scalar(a, s, optional_scalar(alpha_storage))); break;
      case 6: CALL(itorch_op_mul__Scalar(a, s)); break;
      default: CALL(itorch_op_div__Scalar(a, s)); break;
    }
  }

  void unary() {
    itorch_tensor* out = slot();
    itorch_tensor* a = slot();
    switch (p_.below(16)) {
      case 0: CALL(itorch_op_neg(out, a)); break;
      case 1: CALL(itorch_op_exp(out, a)); break;
      case 2: CALL(itorch_op_log(out, a)); break;
      case 3: CALL(itorch_op_sqrt(out, a)); break;
      case 4: CALL(itorch_op_relu(out, a)); break;
      case 5: CALL(itorch_op_sigmoid(out, a)); break;
      case 6: CALL(itorch_op_tanh(out, a)); break;
      case 7: {
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_softmax_int(out, a, dim, dtype()));
        break;
      }
      case 8: {
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_log_softmax_int(out, a, dim, dtype()));
        break;
      }
      case 9: CALL(itorch_op_contiguous(out, a, memory_format())); break;
      case 10: CALL(itorch_op_clone(out, a, memory_format())); break;
      case 11: CALL(itorch_op_detach(out, a)); break;
      case 12: {
        const int32_t type = dtype();
        const bool non_blocking = p_.flag();
        const bool copy = p_.flag();
        CALL(itorch_op_to_dtype(out, a, type, non_blocking, copy, memory_format()));
        break;
      }
      case 13: {
        int32_t type, index;
        device(type, index);
        CALL(itorch_to_device(out, a, type, index, p_.flag()));
        break;
      }
      case 14: {
        const double p = real();
        CALL(itorch_op_dropout(out, a, p, p_.flag()));
        break;
      }
      default: {
        const int64_t start = p_.range(-5, 4);
        CALL(itorch_op_flatten_using_ints(out, a, start, p_.range(-5, 4)));
        break;
      }
    }
  }

  void reduce() {
    itorch_tensor* out = slot();
    itorch_tensor* a = slot();
    int64_t dims[4];
    switch (p_.below(8)) {
      case 0: CALL(itorch_op_sum(out, a, dtype())); break;
      case 1: {
        // dim is `int[1]?`: a null list is None (every dimension).
        const int32_t n = int_list(dims, -5, 4);
        const bool keepdim = p_.flag();
        CALL(itorch_op_sum_dim_IntList(out, a, p_.flag() ? dims : nullptr, n, keepdim, dtype()));
        break;
      }
      case 2: CALL(itorch_op_mean(out, a, dtype())); break;
      case 3: {
        const int32_t n = int_list(dims, -5, 4);
        const bool keepdim = p_.flag();
        CALL(itorch_op_mean_dim(out, a, p_.flag() ? dims : nullptr, n, keepdim, dtype()));
        break;
      }
      case 4: CALL(itorch_op_max(out, a)); break;
      case 5: {
        // A tuple result; the two slots may be the same one.
        itorch_tensor* indices = slot();
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_max_dim(out, indices, a, dim, p_.flag()));
        break;
      }
      case 6: CALL(itorch_op_argmax(out, a, nullptr, p_.flag())); break;
      default: {
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_argmax(out, a, &dim, p_.flag()));
        break;
      }
    }
  }

  void reshape() {
    itorch_tensor* out = slot();
    itorch_tensor* a = slot();
    int64_t values[4];
    switch (p_.below(4)) {
      case 0: {
        const int32_t n = int_list(values, -1, 8);
        CALL(itorch_op_view(out, a, values, n));
        break;
      }
      case 1: {
        const int32_t n = int_list(values, -1, 8);
        CALL(itorch_op_reshape(out, a, values, n));
        break;
      }
      case 2: {
        const int32_t n = int_list(values, -5, 4);
        CALL(itorch_op_permute(out, a, values, n));
        break;
      }
      default: {
        const itorch_tensor* parts[4];
        const int32_t n = p_.below(5);
        for (int32_t i = 0; i < n; ++i) parts[i] = slot();
        const itorch_tensor* const* list = n == 0 && p_.flag() ? nullptr : parts;
        CALL(itorch_op_cat(out, list, n, p_.range(-5, 4)));
      }
    }
  }

  void nn() {
    itorch_tensor* out = slot();
    itorch_tensor* input = slot();
    int64_t stride[3], padding[3], dilation[3], kernel[3];
    switch (p_.below(6)) {
      case 0: {
        itorch_tensor* weight = slot();
        CALL(itorch_op_linear(out, input, weight, slot()));
        break;
      }
      case 1: {
        itorch_tensor* weight = slot();
        itorch_tensor* bias = slot();
        const int64_t ns = pair(stride, -1, 3);
        const int64_t np = pair(padding, -1, 2);
        const int64_t nd = pair(dilation, -1, 2);
        CALL(itorch_op_conv2d(out, input, weight, bias, stride, ns, padding, np, dilation, nd, p_.range(-1, 3)));
        break;
      }
      case 2: {
        const int64_t nk = pair(kernel, -1, 3);
        const int64_t ns = pair(stride, -1, 3);
        const int64_t np = pair(padding, -1, 2);
        const int64_t nd = pair(dilation, -1, 2);
        CALL(itorch_op_max_pool2d(out, input, kernel, nk, stride, ns, padding, np, dilation, nd, p_.flag()));
        break;
      }
      case 3: {
        const int64_t nk = pair(kernel, -1, 3);
        const int64_t ns = pair(stride, -1, 3);
        const int64_t np = pair(padding, -1, 2);
        const bool ceil_mode = p_.flag();
        const bool count_include_pad = p_.flag();
        const int64_t divisor = p_.range(-1, 2);
        CALL(itorch_op_avg_pool2d(out, input, kernel, nk, stride, ns, padding, np, ceil_mode, count_include_pad,
                                  p_.flag() ? &divisor : nullptr));
        break;
      }
      case 4: {
        const int64_t n = pair(kernel, -1, 4);
        CALL(itorch_op_adaptive_avg_pool2d(out, input, kernel, n));
        break;
      }
      default: {
        itorch_tensor* weight = slot();
        itorch_tensor* bias = slot();
        itorch_tensor* mean = slot();
        itorch_tensor* var = slot();
        const bool training = p_.flag();
        const double momentum = real();
        const double eps = real();
        CALL(itorch_op_batch_norm(out, input, weight, bias, mean, var, training, momentum, eps, p_.flag()));
      }
    }
  }

  // A sample of other generated ops, for the shapes of the ABI the groups above do not reach:
  // tuple, list and value results, tensor-list arguments, index tensors, optional scalars and
  // strings, broadcasting ternaries, and results whose shape depends on the data.
  void generated() {
    itorch_tensor* out = slot();
    itorch_tensor* a = slot();
    itorch_tensor* b = slot();
    switch (p_.below(14)) {
      case 0: {
        itorch_tensor* indices = slot();
        const int64_t k = p_.range(-1, 4);
        const int64_t dim = p_.range(-5, 4);
        const bool largest = p_.flag();
        CALL(itorch_op_topk(out, indices, a, k, dim, largest, p_.flag()));
        break;
      }
      case 1: {
        itorch_tensor* indices = slot();
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_sort(out, indices, a, dim, p_.flag()));
        break;
      }
      case 2: {
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_index_select(out, a, dim, b));
        break;
      }
      case 3: {
        const int64_t dim = p_.range(-5, 4);
        CALL(itorch_op_gather(out, a, dim, b, p_.flag()));
        break;
      }
      case 4: CALL(itorch_op_where_self(out, slot(), a, b)); break;
      case 5: {
        itorch_scalar low, high;
        const itorch_scalar* min = optional_scalar(low);
        CALL(itorch_op_clamp(out, a, min, optional_scalar(high)));
        break;
      }
      case 6: CALL(itorch_op_masked_fill_Scalar(out, a, b, scalar())); break;
      case 7: {
        const itorch_tensor* parts[4];
        const int32_t n = p_.below(5);
        for (int32_t i = 0; i < n; ++i) parts[i] = slot();
        CALL(itorch_op_stack(out, parts, n, p_.range(-5, 4)));
        break;
      }
      case 8: {
        // A list result: the list's tensors are read back into a slot, by index.
        itorch_tensor_list* list = nullptr;
        CALL(itorch_tensor_list_new(&list));
        const int64_t split_size = p_.range(-1, 4);
        const int64_t dim = p_.range(-5, 4);
        if (p_.flag()) {
          CALL(itorch_op_split_Tensor(p_.byte() == 0 ? nullptr : list, a, split_size, dim));
        } else {
          CALL(itorch_op_unbind_int(list, a, dim));
        }
        const int64_t size = itorch_tensor_list_size(list);
        if (size < 0) fail("a live list reports a negative size", "itorch_tensor_list_size", static_cast<int32_t>(size));
        CALL(itorch_tensor_list_get(out, list, p_.range(-1, 4)));
        itorch_tensor_list_free(list);
        break;
      }
      case 9: {
        const int64_t dim0 = p_.range(-5, 4);
        CALL(itorch_op_transpose_int(out, a, dim0, p_.range(-5, 4)));
        break;
      }
      case 10: {
        int64_t sizes[4];
        const int32_t n = int_list(sizes, -1, 8);
        // Sizes up to 8 only: an expanded view is as large as its sizes say, without storage,
        // and a later copy of a 2^40-element view would allocate it.
        for (int32_t i = 0; i < n; ++i) sizes[i] = sizes[i] > 8 ? 8 : sizes[i];
        CALL(itorch_op_expand(out, a, sizes, n, p_.flag()));
        break;
      }
      case 11: {
        const char* modes[] = {"trunc", "floor", "round", nullptr};
        CALL(itorch_op_div_Tensor_mode(out, a, b, modes[p_.below(4)]));
        break;
      }
      case 12: CALL(itorch_op_nonzero(out, a)); break;
      default: {
        uint8_t equal = 0;
        CALL(itorch_op_equal(p_.byte() == 0 ? nullptr : &equal, a, b));
        break;
      }
    }
  }

  void query() {
    itorch_tensor* t = slot();
    // The getters never fail; their values must agree with each other.
    const int32_t defined = itorch_tensor_defined(t);
    const int32_t dim = itorch_tensor_dim(t);
    const int64_t numel = itorch_tensor_numel(t);
    if ((defined == 0) != (dim == -1) || (defined == 0) != (numel == -1) || (defined == 0) != (itorch_tensor_dtype(t) == -1) ||
        (defined == 0) != (itorch_tensor_device_type(t) == -1)) {
      fail("the getters disagree on whether the slot holds a tensor", "itorch_tensor_*", defined);
    }
    (void)itorch_tensor_device_index(t);
    (void)itorch_tensor_is_contiguous(t);
    (void)itorch_tensor_requires_grad(t);
    int64_t size = 0;
    CALL(itorch_tensor_size(t, static_cast<int32_t>(p_.range(-6, 5)), p_.byte() == 0 ? nullptr : &size));
    // The shape buffer holds exactly `capacity` entries.
    const int32_t capacity = static_cast<int32_t>(p_.range(-1, 5));
    std::vector<int64_t> sizes(static_cast<size_t>(capacity > 0 ? capacity : 0));
    CALL(itorch_tensor_shape(t, sizes.empty() ? nullptr : sizes.data(), capacity));
  }

  void autograd() {
    itorch_tensor* t = slot();
    switch (p_.below(8)) {
      case 0: CALL(itorch_set_requires_grad(t, p_.flag())); break;
      case 1: CALL(itorch_backward(t)); break;
      case 2: CALL(itorch_grad(slot(), t)); break;
      case 3: CALL(itorch_clear_grad(t)); break;
      case 4: itorch_set_grad_enabled(p_.flag()); break;
      case 5: {
        const itorch_tensor* parameters[] = {t, slot(), slot()};
        double norm = 0;
        CALL(itorch_clip_grad_norm(p_.flag() ? parameters : nullptr, p_.range(-1, 3), real(), real(), p_.flag(),
                                   p_.byte() == 0 ? nullptr : &norm));
        break;
      }
      case 6: {
        const itorch_tensor* parameters[] = {t, slot()};
        CALL(itorch_clip_grad_value(parameters, p_.range(-1, 2), real()));
        break;
      }
      default: (void)itorch_is_grad_enabled(); break;
    }
  }

  void module_new() {
    itorch_module*& m = pool_.modules[p_.below(kModules)];
    itorch_module_free(m);
    m = nullptr;
    itorch_module** out = p_.byte() == 0 ? nullptr : &m;
    switch (p_.below(13)) {
      case 0: CALL(itorch_module_linear(out, p_.range(-1, 8), p_.range(-1, 8), p_.flag())); break;
      case 1:
        CALL(itorch_module_conv2d(out, p_.range(-1, 4), p_.range(-1, 4), p_.range(-1, 3), p_.range(-1, 3),
                                  p_.range(-1, 2), p_.range(-1, 2), p_.range(-1, 2), p_.range(-1, 2), p_.range(-1, 2),
                                  p_.flag()));
        break;
      case 2: CALL(itorch_module_batch_norm2d(out, p_.range(-1, 4), real(), real())); break;
      case 3: CALL(itorch_module_dropout(out, real())); break;
      case 4: CALL(itorch_module_flatten(out, p_.range(-5, 4), p_.range(-5, 4))); break;
      case 5: CALL(itorch_module_identity(out)); break;
      case 6: CALL(itorch_module_activation(out, p_.range(-1, 4))); break;
      case 7:
        CALL(itorch_module_max_pool2d(out, p_.range(-1, 3), p_.range(-1, 3), p_.range(-1, 3), p_.range(-1, 3),
                                      p_.range(-1, 2), p_.range(-1, 2)));
        break;
      case 8:
        CALL(itorch_module_avg_pool2d(out, p_.range(-1, 3), p_.range(-1, 3), p_.range(-1, 3), p_.range(-1, 3),
                                      p_.range(-1, 2), p_.range(-1, 2)));
        break;
      case 9: CALL(itorch_module_adaptive_avg_pool2d(out, p_.range(-1, 4), p_.range(-1, 4))); break;
      case 10: {
        // Children come from the other module handles (shared); null ones are errors.
        itorch_module* children[3];
        const int32_t n = p_.below(4);
        for (int32_t i = 0; i < n; ++i) children[i] = module();
        CALL(itorch_module_sequential(out, n == 0 && p_.flag() ? nullptr : children, p_.flag() ? n : -n));
        break;
      }
      // Another handle's copy optimized for inference, traced on a fuzzed example.
      case 11: CALL(itorch_module_optimize_for_inference(module(), slot(), out)); break;
      default: {
        // The two small zoo models at tiny sizes, and a name the zoo does not know.
        const char* names[] = {"simple_nn", "simple_cnn", "no_such_model", nullptr};
        CALL(itorch_module_zoo(out, names[p_.below(4)], p_.range(-1, 4), p_.range(-1, 3), p_.range(-1, 8),
                               p_.range(-1, 8)));
      }
    }
  }

  void module_use() {
    itorch_module* m = module();
    switch (p_.below(8)) {
      case 0: CALL(itorch_module_forward(slot(), m, slot())); break;
      case 1: CALL(itorch_module_set_training(m, p_.flag())); break;
      case 2: {
        int32_t training = 0;
        CALL(itorch_module_is_training(m, p_.byte() == 0 ? nullptr : &training));
        break;
      }
      case 3: {
        int32_t type, index;
        device(type, index);
        CALL(itorch_module_to_device(m, type, index));
        break;
      }
      case 4: {
        int64_t tensors = 0, elements = 0;
        CALL(itorch_module_parameter_count(m, &tensors, p_.byte() == 0 ? nullptr : &elements));
        break;
      }
      case 5: {
        uint8_t text[64];
        int32_t length = 0;
        CALL(itorch_module_describe(m, p_.flag() ? text : nullptr, p_.range(-1, 64), p_.byte() == 0 ? nullptr : &length));
        break;
      }
      case 6: {
        // A summary: the trace around a forward, its rows and a tensor's shape; the calls out of
        // order (no trace, or one begun twice) must fail cleanly, and every trace is ended.
        const itorch_tensor* watched[3];
        const int32_t n = p_.below(4);
        for (int32_t i = 0; i < n; ++i) watched[i] = slot();
        CALL(itorch_summary_begin(n == 0 && p_.flag() ? nullptr : watched, p_.flag() ? n : -n));
        if (p_.flag()) CALL(itorch_summary_begin(watched, 0));
        CALL(itorch_module_forward(slot(), m, slot()));
        uint8_t text[64];
        int32_t length = 0;
        CALL(itorch_module_summary_rows(m, p_.flag() ? text : nullptr, p_.range(-1, 64), p_.byte() == 0 ? nullptr : &length));
        int64_t shape[4];
        int32_t rank = 0;
        CALL(itorch_summary_tensor_shape(slot(), p_.flag() ? shape : nullptr, p_.range(-1, 4), p_.byte() == 0 ? nullptr : &rank));
        CALL(itorch_summary_end());
        break;
      }
      default: {
        itorch_tensor* slots[4];
        const int32_t n = p_.below(5);
        for (int32_t i = 0; i < n; ++i) slots[i] = slot();
        CALL(itorch_module_parameters(m, n == 0 && p_.flag() ? nullptr : slots, p_.flag() ? n : -n));
      }
    }
  }

  void optimizer_ops() {
    switch (p_.below(10)) {
      case 0:
      case 1: {
        itorch_optimizer*& o = pool_.optimizers[p_.below(kOptimizers)];
        itorch_optimizer_free(o);
        o = nullptr;
        const itorch_tensor* parameters[4];
        const int32_t n = p_.below(5);
        for (int32_t i = 0; i < n; ++i) parameters[i] = slot();
        const itorch_tensor* const* list = n == 0 && p_.flag() ? nullptr : parameters;
        if (p_.flag()) {
          CALL(itorch_optimizer_sgd(&o, list, n, real(), real(), real(), p_.flag()));
        } else {
          CALL(itorch_optimizer_adam(&o, list, n, real(), real(), real(), real(), real(), p_.flag()));
        }
        break;
      }
      case 2: CALL(itorch_optimizer_zero_grad(optimizer())); break;
      case 3: CALL(itorch_optimizer_step(optimizer())); break;
      case 4: {
        double lr = 0;
        CALL(itorch_optimizer_get_learning_rate(optimizer(), p_.byte() == 0 ? nullptr : &lr));
        break;
      }
      case 5: CALL(itorch_optimizer_set_learning_rate(optimizer(), real())); break;
      case 6: {
        double momentum = 0;
        CALL(itorch_optimizer_get_momentum(optimizer(), p_.byte() == 0 ? nullptr : &momentum));
        break;
      }
      case 7: CALL(itorch_optimizer_set_momentum(optimizer(), real())); break;
      case 8: {
        // Tensors already in a group, an empty list and a negative decay must be refused.
        const itorch_tensor* parameters[3];
        const int32_t n = p_.below(4);
        for (int32_t i = 0; i < n; ++i) parameters[i] = slot();
        const double decay = real();
        CALL(itorch_optimizer_add_parameter_group(optimizer(), n == 0 && p_.flag() ? nullptr : parameters, n,
                                                  p_.flag() ? &decay : nullptr));
        break;
      }
      default: {
        const int32_t i = p_.below(kOptimizers);
        itorch_optimizer_free(pool_.optimizers[i]);
        pool_.optimizers[i] = nullptr;
      }
    }
  }

  void misc() {
    switch (p_.below(6)) {
      case 0: CALL(itorch_manual_seed(static_cast<int8_t>(p_.byte()))); break;
      case 1: (void)itorch_get_num_threads(); break;
      case 2: (void)itorch_cuda_is_available(); break;
      case 3: (void)itorch_torch_version(); break;
      case 4: {
        // An autocast scope with any dtype code; a refused one leaves nothing to undo.
        int32_t enabled = 0, dtype = 0;
        const int32_t status = itorch_autocast_enter(static_cast<int32_t>(p_.range(-1, 16)),
                                                     p_.byte() == 0 ? nullptr : &enabled, &dtype);
        check(status, "itorch_autocast_enter");
        if (status == ITORCH_OK) CALL(itorch_autocast_exit(enabled, dtype));
        break;
      }
      default: CALL(itorch_tensor_new(nullptr)); break;
    }
  }

  Program& p_;
  Pool pool_;
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  trace = std::getenv("ITORCH_FUZZ_TRACE") != nullptr;
  // One intra-op thread: runs are deterministic, and libtorch spawns no pool per process.
  check(itorch_set_num_threads(1), "itorch_set_num_threads");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int64_t live_before = itorch_live_handles();
  {
    Program program(data, size);
    Fuzzer fuzzer(program);
    fuzzer.run();
    fuzzer.free_all();
  }
  itorch_set_grad_enabled(1);  // thread-local state an input may have changed
  if (itorch_live_handles() != live_before) {
    fail("itorch_live_handles() did not return to its starting value", "itorch_live_handles",
         static_cast<int32_t>(itorch_live_handles() - live_before));
  }
  if (live_blobs != 0) fail("an itorch_from_blob release function did not run exactly once", "release", live_blobs);
  return 0;
}
