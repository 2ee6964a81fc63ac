// The exception barrier: every failure becomes a status plus a thread-local message.
#include <c10/util/Exception.h>

#include <new>
#include <string>

#include "barrier.hpp"

namespace {

thread_local int32_t last_code = ITORCH_OK;
thread_local std::string last_message;

int32_t record(int32_t code, const char* message) noexcept {
  last_code = code;
  try {
    last_message = message;
  } catch (...) {
    // Out of memory while copying the message: keep the code, drop the text.
    last_message.clear();
  }
  return code;
}

}  // namespace

namespace itorch {

void require(bool condition, const char* message) {
  if (!condition) throw InvalidArgument(message);
}

int32_t record_current_exception() noexcept {
  try {
    throw;
  } catch (const c10::IndexError& e) {
    return record(ITORCH_ERR_INDEX, e.what_without_backtrace());
  } catch (const c10::ValueError& e) {
    return record(ITORCH_ERR_VALUE, e.what_without_backtrace());
  } catch (const c10::TypeError& e) {
    return record(ITORCH_ERR_TYPE, e.what_without_backtrace());
  } catch (const c10::NotImplementedError& e) {
    return record(ITORCH_ERR_NOT_IMPLEMENTED, e.what_without_backtrace());
  } catch (const c10::OutOfMemoryError& e) {
    return record(ITORCH_ERR_OUT_OF_MEMORY, e.what_without_backtrace());
  } catch (const c10::LinAlgError& e) {
    return record(ITORCH_ERR_LINALG, e.what_without_backtrace());
  } catch (const c10::Error& e) {
    // libtorch 1.13's CPU allocator reports a failed allocation as a plain c10::Error.
    const std::string& message = e.msg();
    bool out_of_memory = message.find("DefaultCPUAllocator: can't allocate memory") != std::string::npos;
    return record(out_of_memory ? ITORCH_ERR_OUT_OF_MEMORY : ITORCH_ERR_TORCH, e.what_without_backtrace());
  } catch (const std::bad_alloc& e) {
    return record(ITORCH_ERR_OUT_OF_MEMORY, e.what());
  } catch (const std::invalid_argument& e) {
    return record(ITORCH_ERR_INVALID_ARGUMENT, e.what());
  } catch (const CudaUnavailable& e) {
    return record(ITORCH_ERR_CUDA_UNAVAILABLE, e.what());
  } catch (const NotSupported& e) {
    return record(ITORCH_ERR_NOT_SUPPORTED, e.what());
  } catch (const std::exception& e) {
    return record(ITORCH_ERR_STD, e.what());
  } catch (...) {
    return record(ITORCH_ERR_UNKNOWN, "unknown native exception");
  }
}

}  // namespace itorch

extern "C" {

int32_t itorch_last_error_code(void) { return last_code; }

const char* itorch_last_error_message(void) { return last_message.c_str(); }

}  // extern "C"
