// The collectives: each starts c10d's and hands back its work, plus what is left to do on
// this rank once it has completed (an average's division, a reduce-scatter's copy).
#include <torch/csrc/distributed/c10d/Work.hpp>

#include <functional>
#include <string>
#include <vector>

#include "group.hpp"
#include "handles.hpp"
#include "shim.hpp"

struct itorch_work {
  c10::intrusive_ptr<c10d::Work> work;
  std::function<void()> then;
};

namespace {

// Gloo has no average in libtorch 1.13 and 2.6: the sum, divided once it has arrived.
c10d::ReduceOp reduce_op(int32_t op) {
  switch (op) {
    case ITORCH_REDUCE_SUM:
    case ITORCH_REDUCE_AVERAGE: return c10d::ReduceOp::SUM;
    case ITORCH_REDUCE_PRODUCT: return c10d::ReduceOp::PRODUCT;
    case ITORCH_REDUCE_MIN: return c10d::ReduceOp::MIN;
    case ITORCH_REDUCE_MAX: return c10d::ReduceOp::MAX;
    default: throw itorch::InvalidArgument("unknown reduce op " + std::to_string(op) + " (an itorch_reduce_op)");
  }
}

std::function<void()> averaging(int32_t op, const at::Tensor& tensor, int world_size) {
  if (op != ITORCH_REDUCE_AVERAGE) return {};
  itorch::require(at::isFloatingType(tensor.scalar_type()) || at::isComplexType(tensor.scalar_type()),
                  "an average needs a floating-point tensor (integers cannot hold it)");
  return [tensor, world_size]() mutable { tensor.div_(world_size); };
}

void give(itorch_work** out, c10::intrusive_ptr<c10d::Work> work, std::function<void()> then = {}) {
  *out = new itorch_work{std::move(work), std::move(then)};
  itorch::handle_created();
}

// The collectives write into the tensors' storage behind autograd's back, as PyTorch's do.
at::Tensor collective_input(itorch_tensor* slot, const char* name) {
  return itorch::input(slot, name).detach();
}

void require_world_list(int64_t count, int world_size, const char* name) {
  if (count != world_size) {
    throw itorch::InvalidArgument(std::string(name) + " holds " + std::to_string(count) +
                                  " tensors; the world size is " + std::to_string(world_size));
  }
}

}  // namespace

extern "C" {

int32_t itorch_all_reduce(itorch_work** out, itorch_process_group* group, itorch_tensor* tensor, int32_t op) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    c10d::ProcessGroup& pg = itorch::group_of(group);
    std::vector<at::Tensor> tensors{collective_input(tensor, "tensor")};
    c10d::AllreduceOptions options;
    options.reduceOp = reduce_op(op);
    auto then = averaging(op, tensors[0], pg.getSize());
    give(out, pg.allreduce(tensors, options), std::move(then));
  });
}

int32_t itorch_broadcast(itorch_work** out, itorch_process_group* group, itorch_tensor* tensor, int32_t root) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    c10d::ProcessGroup& pg = itorch::group_of(group);
    itorch::require(root >= 0 && root < pg.getSize(), "the broadcast's root is not a rank of the group");
    std::vector<at::Tensor> tensors{collective_input(tensor, "tensor")};
    c10d::BroadcastOptions options;
    options.rootRank = root;
    give(out, pg.broadcast(tensors, options));
  });
}

int32_t itorch_all_gather(itorch_work** out, itorch_process_group* group, itorch_tensor* const* outputs,
                          int64_t outputs_count, const itorch_tensor* input) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    itorch::require(outputs != nullptr, "outputs is null");
    c10d::ProcessGroup& pg = itorch::group_of(group);
    require_world_list(outputs_count, pg.getSize(), "outputs");
    std::vector<at::Tensor> inputs{itorch::input(input, "input").detach()};
    std::vector<std::vector<at::Tensor>> gathered(1);
    for (int64_t i = 0; i < outputs_count; ++i) gathered[0].push_back(collective_input(outputs[i], "outputs"));
    give(out, pg.allgather(gathered, inputs));
  });
}

int32_t itorch_reduce_scatter(itorch_work** out, itorch_process_group* group, itorch_tensor* output,
                              const itorch_tensor* const* inputs, int64_t inputs_count, int32_t op) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    itorch::require(inputs != nullptr, "inputs is null");
    c10d::ProcessGroup& pg = itorch::group_of(group);
    require_world_list(inputs_count, pg.getSize(), "inputs");
    at::Tensor mine = collective_input(output, "output");
    std::vector<at::Tensor> flat;
    std::vector<int64_t> sizes;
    for (int64_t i = 0; i < inputs_count; ++i) {
      at::Tensor chunk = itorch::input(inputs[i], "inputs").detach();
      itorch::require(chunk.scalar_type() == mine.scalar_type(), "the inputs' dtype differs from the output's");
      flat.push_back(chunk.reshape({-1}));
      sizes.push_back(chunk.numel());
    }
    const int rank = pg.getRank();
    itorch::require(sizes[rank] == mine.numel(), "the output's size differs from that of inputs[rank]");
    std::vector<at::Tensor> combined{at::cat(flat)};
    int64_t offset = 0;
    for (int r = 0; r < rank; ++r) offset += sizes[r];
    c10d::AllreduceOptions options;
    options.reduceOp = reduce_op(op);
    auto average = averaging(op, mine, pg.getSize());
    at::Tensor sum = combined[0];
    give(out, pg.allreduce(combined, options), [mine, sum, offset, average]() mutable {
      mine.copy_(sum.narrow(0, offset, mine.numel()).view(mine.sizes()));
      if (average) average();
    });
  });
}

int32_t itorch_barrier(itorch_work** out, itorch_process_group* group) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    give(out, itorch::group_of(group).barrier());
  });
}

int32_t itorch_work_wait(itorch_work* work) {
  return itorch::guarded([&] {
    itorch::require(work != nullptr, "the work handle is null");
    work->work->wait();
    if (work->then) {
      auto then = std::move(work->then);
      work->then = nullptr;
      then();
    }
  });
}

void itorch_work_free(itorch_work* work) {
  if (work == nullptr) return;
  delete work;
  itorch::handle_freed();
}

}  // extern "C"
