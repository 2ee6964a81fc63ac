// How a generated op runs: its arguments converted (arguments.hpp), libtorch's typed call
// (at::_ops::NAME::call), and the results stored by the rules of itorch.h. Included only by
// the generated native/torch/ops/ops_*.cpp.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

#include "itorch_ops.h"
#include "../result_slot.hpp"
#include "arguments.hpp"
#include "describe.hpp"
#include "meta.hpp"
#include "results.hpp"
#include "traits.hpp"

namespace itorch::ops {

// The op's schema and the libtorch versions whose headers have it, for the error when the
// libtorch at hand has not.
struct Needs {
  const char* schema;
  const char* versions;
};

[[noreturn]] void not_supported(const Needs& needs);

template <class Op, class Out, class Picks, class Sink, class Make>
int32_t run(const Needs& needs, Sink sink, Make make) noexcept {
  return guarded([&] {
    auto arguments = make();
    if constexpr (callable<Op, decltype(arguments)>) {
      sink.template store<Op, Out, Picks>(arguments);
    } else {
      not_supported(needs);
    }
  });
}

}  // namespace itorch::ops
