// Tests of the C ABI as a C caller sees it: statuses, messages, ownership and slot reuse.
#include <gtest/gtest.h>

#include <string>

#include "itorch.h"
#include "itorch_ops.h"

namespace {

// Owns a slot for the duration of a test.
struct Slot {
  itorch_tensor* handle = nullptr;
  Slot() { EXPECT_EQ(itorch_tensor_new(&handle), ITORCH_OK); }
  ~Slot() { itorch_tensor_free(handle); }
  operator itorch_tensor*() const { return handle; }
};

itorch_scalar integer(int64_t value) { return itorch_scalar{0.0, value, ITORCH_SCALAR_INT}; }

void fill(itorch_tensor* slot, std::initializer_list<float> values, std::initializer_list<int64_t> sizes) {
  ASSERT_EQ(itorch_from_data(slot, values.begin(), static_cast<int64_t>(values.size()), sizes.begin(),
                             static_cast<int32_t>(sizes.size()), ITORCH_FLOAT32),
            ITORCH_OK)
      << itorch_last_error_message();
}

TEST(Errors, MismatchedMatmulReportsLibtorchMessage) {
  Slot a, b, out;
  fill(a, {1, 2, 3, 4, 5, 6}, {2, 3});
  fill(b, {1, 2, 3, 4}, {2, 2});
  EXPECT_EQ(itorch_op_matmul(out, a, b), ITORCH_ERR_TORCH);
  EXPECT_EQ(itorch_last_error_code(), ITORCH_ERR_TORCH);
  EXPECT_NE(std::string(itorch_last_error_message()).find("cannot be multiplied"), std::string::npos)
      << itorch_last_error_message();
}

TEST(Errors, IndexErrorHasItsOwnCode) {
  Slot a;
  int64_t size = 0;
  fill(a, {1, 2}, {2});
  EXPECT_EQ(itorch_tensor_size(a, 5, &size), ITORCH_ERR_INDEX);
  EXPECT_NE(std::string(itorch_last_error_message()).find("out of range"), std::string::npos);
}

TEST(Errors, NullAndEmptyHandlesAreRejected) {
  Slot empty, out;
  EXPECT_EQ(itorch_op_relu(out, nullptr), ITORCH_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(itorch_last_error_message()).find("null handle"), std::string::npos);
  EXPECT_EQ(itorch_op_relu(out, empty), ITORCH_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(itorch_last_error_message()).find("empty slot"), std::string::npos);
  EXPECT_EQ(itorch_tensor_dim(nullptr), -1);
  EXPECT_EQ(itorch_tensor_numel(empty), -1);
}

// build.sh runs the NoCuda suite where there is no usable GPU and the Cuda suite where there
// is one; each asserts its condition, so a run on the wrong machine fails instead of passing.
TEST(NoCuda, ACudaTensorIsOneClearError) {
  ASSERT_FALSE(itorch_cuda_is_available());
  Slot out;
  const int64_t sizes[] = {2};
  EXPECT_EQ(itorch_op_zeros(out, sizes, 1, ITORCH_FLOAT32, /*layout=*/-1, ITORCH_CUDA, 0, /*pin_memory=*/nullptr),
            ITORCH_ERR_CUDA_UNAVAILABLE);
  EXPECT_NE(std::string(itorch_last_error_message()).find("CUDA"), std::string::npos);
}

TEST(NoCuda, EveryCudaExportIsOneClearError) {
  ASSERT_FALSE(itorch_cuda_is_available());
  int32_t count = -1;
  ASSERT_EQ(itorch_cuda_device_count(&count), ITORCH_OK);
  EXPECT_EQ(count, 0);
  const int64_t live = itorch_live_handles();
  Slot out;
  const int64_t sizes[] = {2, 3};
  itorch_cuda_memory memory{};
  const int32_t statuses[] = {itorch_cuda_synchronize(0), itorch_cuda_memory_stats(0, &memory),
                              itorch_cuda_reset_peak_memory(0), itorch_cuda_empty_cache(),
                              itorch_empty_pinned(out, sizes, 2, ITORCH_FLOAT32)};
  for (int32_t status : statuses) EXPECT_EQ(status, ITORCH_ERR_CUDA_UNAVAILABLE);
  const std::string message = itorch_last_error_message();
  EXPECT_NE(message.find("CUDA is not available"), std::string::npos) << message;
  EXPECT_NE(message.find(itorch_cuda_is_built() ? "no CUDA device is present" : "built without CUDA"),
            std::string::npos)
      << message;
  EXPECT_EQ(itorch_tensor_defined(out), 0);
  EXPECT_EQ(itorch_live_handles(), live + 1);  // the test's own slot
}

TEST(Cuda, MemoryStatsFollowAnAllocation) {
  ASSERT_TRUE(itorch_cuda_is_available());
  int32_t count = 0;
  ASSERT_EQ(itorch_cuda_device_count(&count), ITORCH_OK);
  EXPECT_GT(count, 0);
  itorch_cuda_memory before{}, during{};
  ASSERT_EQ(itorch_cuda_memory_stats(0, &before), ITORCH_OK) << itorch_last_error_message();
  {
    Slot big;
    const int64_t sizes[] = {16 << 20};  // 64 MiB of float32
    ASSERT_EQ(itorch_op_empty_memory_format(big, sizes, 1, ITORCH_FLOAT32, /*layout=*/-1, ITORCH_CUDA, 0,
                                            /*pin_memory=*/nullptr, /*memory_format=*/-1),
              ITORCH_OK)
        << itorch_last_error_message();
    ASSERT_EQ(itorch_cuda_memory_stats(0, &during), ITORCH_OK);
  }
  EXPECT_GE(during.allocated_bytes, before.allocated_bytes + (int64_t{64} << 20));
  EXPECT_GE(during.reserved_bytes, during.allocated_bytes);
  ASSERT_EQ(itorch_cuda_synchronize(0), ITORCH_OK);
  ASSERT_EQ(itorch_cuda_empty_cache(), ITORCH_OK);
  ASSERT_EQ(itorch_cuda_reset_peak_memory(0), ITORCH_OK);
  itorch_cuda_memory after{};
  ASSERT_EQ(itorch_cuda_memory_stats(0, &after), ITORCH_OK);
  EXPECT_EQ(after.peak_allocated_bytes, after.allocated_bytes);
  EXPECT_LT(after.reserved_bytes, during.reserved_bytes);
  EXPECT_EQ(itorch_cuda_synchronize(count), ITORCH_ERR_INVALID_ARGUMENT);
}

TEST(Slots, LiveHandleCounterReturnsToStart) {
  const int64_t start = itorch_live_handles();
  {
    Slot a, b;
    EXPECT_EQ(itorch_live_handles(), start + 2);
  }
  EXPECT_EQ(itorch_live_handles(), start);
}

TEST(Slots, FittingOutputIsWrittenInPlace) {
  Slot a, b, out;
  fill(a, {1, 2, 3}, {3});
  fill(b, {10, 20, 30}, {3});
  ASSERT_EQ(itorch_op_add_Tensor(out, a, b, /*alpha=*/nullptr), ITORCH_OK);
  void* first = nullptr;
  ASSERT_EQ(itorch_tensor_data(out, ITORCH_FLOAT32, &first), ITORCH_OK);
  ASSERT_EQ(itorch_op_mul_Tensor(out, a, b), ITORCH_OK);
  void* second = nullptr;
  ASSERT_EQ(itorch_tensor_data(out, ITORCH_FLOAT32, &second), ITORCH_OK);
  EXPECT_EQ(first, second);
  const float* values = static_cast<const float*>(second);
  EXPECT_FLOAT_EQ(values[0], 10);
  EXPECT_FLOAT_EQ(values[2], 90);
}

TEST(Slots, IntegerScalarKeepsIntegerDtype) {
  Slot a, out;
  const int64_t data[] = {1, 2, 3, 4};
  const int64_t sizes[] = {2, 2};
  ASSERT_EQ(itorch_from_data(a, data, 4, sizes, 2, ITORCH_INT64), ITORCH_OK);
  ASSERT_EQ(itorch_op_add_Scalar(out, a, integer(2), /*alpha=*/nullptr), ITORCH_OK);
  EXPECT_EQ(itorch_tensor_dtype(out), ITORCH_INT64);
  int64_t result[4] = {};
  ASSERT_EQ(itorch_tensor_copy_to(out, result, 4, ITORCH_INT64), ITORCH_OK);
  EXPECT_EQ(result[0], 3);
  EXPECT_EQ(result[3], 6);
}

TEST(GeneratedOps, ATupleResultFillsOneSlotPerTensor) {
  Slot a, values, indices;
  fill(a, {3, 1, 2, 5}, {4});
  ASSERT_EQ(itorch_op_topk(values, indices, a, 2, /*dim=*/-1, /*largest=*/1, /*sorted=*/1), ITORCH_OK)
      << itorch_last_error_message();
  float top[2] = {};
  int64_t where[2] = {};
  ASSERT_EQ(itorch_tensor_copy_to(values, top, 2, ITORCH_FLOAT32), ITORCH_OK);
  ASSERT_EQ(itorch_tensor_copy_to(indices, where, 2, ITORCH_INT64), ITORCH_OK);
  EXPECT_FLOAT_EQ(top[0], 5);
  EXPECT_FLOAT_EQ(top[1], 3);
  EXPECT_EQ(where[0], 3);
  EXPECT_EQ(where[1], 0);
}

TEST(GeneratedOps, AListArgumentIsAPointerAndACount) {
  Slot a, b, out;
  fill(a, {1, 2}, {1, 2});
  fill(b, {3, 4, 5, 6}, {2, 2});
  const itorch_tensor* parts[] = {a, b};
  ASSERT_EQ(itorch_op_cat(out, parts, 2, /*dim=*/0), ITORCH_OK) << itorch_last_error_message();
  int64_t shape[2] = {};
  ASSERT_EQ(itorch_tensor_shape(out, shape, 2), ITORCH_OK);
  EXPECT_EQ(shape[0], 3);
  EXPECT_EQ(shape[1], 2);
  EXPECT_EQ(itorch_op_cat(out, nullptr, 2, 0), ITORCH_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(itorch_last_error_message()).find("null pointer"), std::string::npos)
      << itorch_last_error_message();
}

int releases = 0;
void count_release(void* context) {
  ++releases;
  EXPECT_EQ(context, &releases);
}

TEST(FromBlob, ReleaseRunsOnceWhenTheLastViewGoes) {
  releases = 0;
  float data[4] = {1, 2, 3, 4};
  const int64_t sizes[] = {4};
  {
    Slot tensor, view;
    ASSERT_EQ(itorch_from_blob(tensor, data, sizes, 1, ITORCH_FLOAT32, count_release, &releases), ITORCH_OK);
    const int64_t view_sizes[] = {2, 2};
    ASSERT_EQ(itorch_op_view(view, tensor, view_sizes, 2), ITORCH_OK);
    itorch_tensor_free(tensor.handle);
    tensor.handle = nullptr;
    EXPECT_EQ(releases, 0);
  }
  EXPECT_EQ(releases, 1);
}

TEST(FromBlob, ReleaseRunsOnceWhenTheCallFails) {
  releases = 0;
  float data[4] = {1, 2, 3, 4};
  const int64_t negative[] = {-4};
  Slot tensor;
  EXPECT_EQ(itorch_from_blob(tensor, data, negative, 1, ITORCH_FLOAT32, count_release, &releases),
            ITORCH_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(releases, 1);
}

TEST(SlotRules, ACallerMemoryResultIsWrittenIntoNotRebound) {
  float data[3] = {0, 0, 0};
  const int64_t sizes[] = {3};
  Slot source, result, wider;
  fill(source, {1, 2, 3}, {3});
  fill(wider, {1, 2, 3, 4}, {4});
  ASSERT_EQ(itorch_from_blob(result, data, sizes, 1, ITORCH_FLOAT32, nullptr, nullptr), ITORCH_OK);
  // clone's values land in the caller's memory, whether through clone's out= form or a copy.
  ASSERT_EQ(itorch_op_clone(result, source, /*memory_format=*/-1), ITORCH_OK) << itorch_last_error_message();
  EXPECT_FLOAT_EQ(data[2], 3);
  EXPECT_EQ(itorch_op_clone(result, wider, -1), ITORCH_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(itorch_last_error_message()).find("caller memory"), std::string::npos)
      << itorch_last_error_message();
  EXPECT_EQ(itorch_tensor_numel(result), 3);
}

TEST(SlotRules, ALeasedSlotIsNotReboundUntilTheLeaseEnds) {
  Slot leased, wider;
  fill(leased, {1, 2, 3}, {3});
  fill(wider, {1, 2, 3, 4}, {4});
  void* data = nullptr;
  int64_t count = 0;
  ASSERT_EQ(itorch_tensor_lease(leased, ITORCH_FLOAT32, &data, &count), ITORCH_OK);
  EXPECT_EQ(count, 3);
  EXPECT_EQ(itorch_op_clone(leased, wider, -1), ITORCH_ERR_INVALID_ARGUMENT);
  EXPECT_NE(std::string(itorch_last_error_message()).find("leased"), std::string::npos) << itorch_last_error_message();
  itorch_tensor_unlease(leased);
  ASSERT_EQ(itorch_op_clone(leased, wider, -1), ITORCH_OK) << itorch_last_error_message();
  EXPECT_EQ(itorch_tensor_numel(leased), 4);
}

}  // namespace
