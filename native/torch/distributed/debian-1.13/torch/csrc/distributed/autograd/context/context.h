// Stands in for a header that Debian's libtorch-dev 1.13 leaves out: c10d/reducer.hpp includes
// it, yet the package ships no torch/csrc/distributed/autograd. The Reducer needs two names from
// it, and only as the types of a static check and of a shared pointer it holds; neither changes
// with what they point to, so the Reducer's layout is the one libtorch was built with. Used only
// where the real header is missing (native/CMakeLists.txt).
#pragma once

#include <ATen/core/Tensor.h>

#include <functional>
#include <memory>

namespace torch::distributed::autograd {

class DistAutogradContext {
 public:
  using GradCallback = std::function<bool(at::Tensor&)>;
};

using ContextPtr = std::shared_ptr<DistAutogradContext>;

}  // namespace torch::distributed::autograd
