// Data-parallel training: libtorch's c10d::Reducer, set up and driven the way PyTorch's
// DistributedDataParallel does it (torch/nn/parallel/distributed.py).
#include <torch/csrc/distributed/c10d/comm.hpp>
#include <torch/csrc/distributed/c10d/reducer.hpp>

#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "group.hpp"
#include "handles.hpp"
#include "module.hpp"
#include "optimizer.hpp"
#include "persistence.hpp"
#include "shim.hpp"

namespace {

// How much DDP broadcasts at once when it copies rank 0's parameters and buffers: 250 MiB, as PyTorch.
constexpr size_t broadcast_bucket_bytes = 250u * 1024u * 1024u;

using ParameterNames = std::unordered_map<size_t, std::string>;

// The Reducer's constructor changed between libtorch versions; the form that compiles is used.
template <class Reducer = c10d::Reducer>
std::unique_ptr<Reducer> make_reducer(const std::vector<at::Tensor>& parameters,
                                      const c10::intrusive_ptr<c10d::ProcessGroup>& group, int64_t bucket_bytes) {
  // As DDP without find_unused_parameters: one bucket at first, rebuilt after the first
  // backward in the order the gradients arrived, in buckets of bucket_bytes (the first 1 MiB).
  std::vector<std::vector<size_t>> buckets(1);
  for (size_t i = 0; i < parameters.size(); ++i) buckets[0].push_back(i);
  std::vector<size_t> limits{std::numeric_limits<size_t>::max()};
  std::vector<bool> sparse(parameters.size(), false);
  constexpr int64_t first_bucket_bytes = c10d::kDefaultFirstBucketBytes;
  if constexpr (std::is_constructible_v<Reducer, std::vector<at::Tensor>, std::vector<std::vector<size_t>>,
                                        std::vector<size_t>, c10::intrusive_ptr<c10d::ProcessGroup>, std::vector<bool>,
                                        int64_t, bool, bool, ParameterNames, int64_t>) {
    // libtorch 1.13 to 2.6.
    return std::make_unique<Reducer>(parameters, buckets, limits, group, sparse, bucket_bytes, false, false,
                                     ParameterNames{}, first_bucket_bytes);
  } else {
    // Later: no per-bucket limits; unused-parameter skipping, the Python reducer and custom
    // per-bucket caps off.
    return std::make_unique<Reducer>(parameters, buckets, group, sparse, bucket_bytes, false, false, ParameterNames{},
                                     first_bucket_bytes, false, false, std::vector<int64_t>{});
  }
}

std::vector<at::Tensor> parameters_of(itorch_optimizer* optimizer) {
  std::vector<at::Tensor> parameters;
  for (auto& group : itorch::optimizer_of(optimizer).param_groups()) {
    for (auto& parameter : group.params()) parameters.push_back(parameter);
  }
  itorch::require(!parameters.empty(), "the optimizer has no parameters to train");
  return parameters;
}

std::vector<at::Tensor> buffers_of(itorch_module* module) {
  std::vector<at::Tensor> buffers;
  if (module == nullptr) return buffers;
  for (const auto& entry : itorch::flatten(module->state())) {
    if (entry.is_buffer) buffers.push_back(entry.tensor.detach());
  }
  return buffers;
}

// Copies rank 0's values into these tensors on every rank. They must be detached: the copy is
// not a step autograd may record.
void broadcast_from_rank0(const c10::intrusive_ptr<c10d::ProcessGroup>& group, const std::vector<at::Tensor>& tensors) {
  if (!tensors.empty()) c10d::broadcast_coalesced(group, tensors, broadcast_bucket_bytes, 0);
}

}  // namespace

struct itorch_ddp {
  c10::intrusive_ptr<c10d::ProcessGroup> group;
  std::vector<at::Tensor> parameters;
  // Detached, for the broadcast before every step.
  std::vector<at::Tensor> buffers;
  // Null without overlap: the gradients are then averaged in one all-reduce after backward.
  std::unique_ptr<c10d::Reducer> reducer;
  bool armed = false;

  // The baseline: every gradient laid end to end, summed across the ranks, divided.
  void average_after_backward() {
    std::vector<at::Tensor> flat;
    for (auto& parameter : parameters) {
      if (!parameter.grad().defined()) parameter.mutable_grad() = at::zeros_like(parameter);
      flat.push_back(parameter.grad().reshape({-1}));
    }
    std::vector<at::Tensor> combined{at::cat(flat)};
    group->allreduce(combined)->wait();
    combined[0].div_(group->getSize());
    int64_t offset = 0;
    for (auto& parameter : parameters) {
      at::Tensor grad = parameter.grad();
      grad.copy_(combined[0].narrow(0, offset, grad.numel()).view(grad.sizes()));
      offset += grad.numel();
    }
  }
};

extern "C" {

int32_t itorch_ddp_new(itorch_ddp** out, itorch_process_group* group, itorch_optimizer* optimizer,
                       itorch_module* module, int64_t bucket_bytes, int32_t overlap) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    itorch::group_of(group);
    itorch::require(bucket_bytes > 0, "the bucket size must be positive (bytes)");
    auto ddp = std::make_unique<itorch_ddp>();
    ddp->group = group->group;
    ddp->parameters = parameters_of(optimizer);
    ddp->buffers = buffers_of(module);
    std::vector<at::Tensor> state;
    for (const auto& parameter : ddp->parameters) state.push_back(parameter.detach());
    state.insert(state.end(), ddp->buffers.begin(), ddp->buffers.end());
    broadcast_from_rank0(ddp->group, state);
    if (overlap != 0) ddp->reducer = make_reducer(ddp->parameters, ddp->group, bucket_bytes);
    *out = ddp.release();
    itorch::handle_created();
  });
}

int32_t itorch_ddp_begin_step(itorch_ddp* ddp) {
  return itorch::guarded([&] {
    itorch::require(ddp != nullptr, "the data-parallel handle is null");
    broadcast_from_rank0(ddp->group, ddp->buffers);
    if (ddp->reducer) {
      // As DDP's forward: the buckets are rebuilt once, after the first backward.
      ddp->reducer->rebuild_buckets();
      ddp->reducer->prepare_for_backward({});
    }
    ddp->armed = true;
  });
}

int32_t itorch_ddp_backward(itorch_ddp* ddp, const itorch_tensor* loss) {
  return itorch::guarded([&] {
    itorch::require(ddp != nullptr, "the data-parallel handle is null");
    at::Tensor value = itorch::input(loss, "loss");
    const bool armed = ddp->armed;
    ddp->armed = false;
    value.backward();
    if (armed && !ddp->reducer) ddp->average_after_backward();
  });
}

void itorch_ddp_free(itorch_ddp* ddp) {
  if (ddp == nullptr) return;
  delete ddp;
  itorch::handle_freed();
}

}  // extern "C"
