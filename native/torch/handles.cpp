#include "handles.hpp"

#include <atomic>

#include "itorch.h"

namespace {
std::atomic<int64_t> live_handles{0};
}

namespace itorch {
void handle_created() noexcept { live_handles.fetch_add(1, std::memory_order_relaxed); }
void handle_freed() noexcept { live_handles.fetch_sub(1, std::memory_order_relaxed); }
}  // namespace itorch

extern "C" int64_t itorch_live_handles(void) { return live_handles.load(std::memory_order_relaxed); }
