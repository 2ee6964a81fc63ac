// Counts every native object the shim hands out, so tests can prove nothing leaks.
#pragma once

namespace itorch {
void handle_created() noexcept;
void handle_freed() noexcept;
}  // namespace itorch
