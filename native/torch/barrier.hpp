// The exception barrier: shim-specific exceptions and the wrapper that turns anything thrown
// into a status. Kept free of ATen headers so that it compiles fast.
#pragma once

#include <stdexcept>

#include "itorch.h"

namespace itorch {
// Thrown for arguments the shim rejects itself; mapped to ITORCH_ERR_INVALID_ARGUMENT.
class InvalidArgument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Thrown when CUDA is asked of a libtorch that has none; mapped to ITORCH_ERR_CUDA_UNAVAILABLE.
class CudaUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown for an op that the libtorch at hand lacks; mapped to ITORCH_ERR_NOT_SUPPORTED.
class NotSupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void require(bool condition, const char* message);

// Throws CudaUnavailable, saying why, unless CUDA can be used here: the shim was built against
// a libtorch with CUDA (cuda.cpp, not no_cuda.cpp) and libtorch sees a device.
void require_cuda();

// Maps the exception being handled to a status and records it for the calling thread.
// Must be called from inside a catch block.
int32_t record_current_exception() noexcept;

// Runs `body` and turns anything it throws into a status, so no C++ exception unwinds
// into the caller.
template <class Body>
int32_t guarded(Body&& body) noexcept {
  try {
    body();
    return ITORCH_OK;
  } catch (...) {
    return record_current_exception();
  }
}

}  // namespace itorch
