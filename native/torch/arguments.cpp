// Conversions from the C ABI's plain arguments to libtorch types, with the checks that
// give a clear message instead of undefined behaviour.
#include "shim.hpp"

namespace itorch {

namespace {
constexpr int32_t max_dims = 64;
}

at::IntArrayRef int_list(const int64_t* values, int32_t count, const char* name) {
  if (count < 0 || count > max_dims) {
    throw InvalidArgument(std::string("'") + name + "' has " + std::to_string(count) +
                          " entries; expected 0 to " + std::to_string(max_dims));
  }
  if (values == nullptr && count > 0) throw InvalidArgument(std::string("'") + name + "' is a null pointer");
  return at::IntArrayRef(values, static_cast<size_t>(count));
}

at::ScalarType scalar_type(int32_t dtype) {
  switch (dtype) {
    case ITORCH_UINT8:
    case ITORCH_INT8:
    case ITORCH_INT16:
    case ITORCH_INT32:
    case ITORCH_INT64:
    case ITORCH_FLOAT16:
    case ITORCH_FLOAT32:
    case ITORCH_FLOAT64:
    case ITORCH_BOOL:
    case ITORCH_BFLOAT16:
      return static_cast<at::ScalarType>(dtype);
    default:
      throw InvalidArgument("unknown dtype code " + std::to_string(dtype));
  }
}

at::Device device(int32_t device_type, int32_t device_index) {
  switch (device_type) {
    case ITORCH_CPU:
      require(device_index == -1 || device_index == 0, "the CPU device index must be -1 or 0");
      return at::Device(at::kCPU);
    case ITORCH_CUDA: {
      require_cuda();
      const int64_t count = at::detail::getCUDAHooks().getNumGPUs();
      if (device_index < -1 || device_index >= count) {
        throw InvalidArgument("CUDA device index " + std::to_string(device_index) + " is out of range; " +
                              std::to_string(count) + " device(s) present");
      }
      return device_index < 0 ? at::Device(at::kCUDA) : at::Device(at::kCUDA, static_cast<int8_t>(device_index));
    }
    default:
      throw InvalidArgument("unknown device type code " + std::to_string(device_type));
  }
}

at::Scalar scalar(itorch_scalar value) {
  switch (value.kind) {
    case ITORCH_SCALAR_FLOAT:
      return at::Scalar(value.real);
    case ITORCH_SCALAR_INT:
      return at::Scalar(value.integer);
    case ITORCH_SCALAR_BOOL:
      return at::Scalar(value.integer != 0);
    default:
      throw InvalidArgument("unknown scalar kind " + std::to_string(value.kind));
  }
}

}  // namespace itorch
