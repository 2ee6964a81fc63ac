// Internal to the shim: the process-group handle, shared by the collectives and the
// data-parallel Reducer.
#pragma once

#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>

#include "barrier.hpp"
#include "itorch_dist.h"

struct itorch_process_group {
  c10::intrusive_ptr<c10d::ProcessGroup> group;
};

namespace itorch {

inline c10d::ProcessGroup& group_of(itorch_process_group* handle) {
  require(handle != nullptr, "the process group handle is null");
  return *handle->group;
}

}  // namespace itorch
