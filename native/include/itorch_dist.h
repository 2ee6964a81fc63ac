/* itorch_dist.h - data-parallel training over libtorch's c10d: rendezvous stores, process
 * groups, collectives and the gradient Reducer that PyTorch's DistributedDataParallel drives.
 *
 * The rules of itorch.h hold: status returns, the thread's last error read with
 * itorch_last_error_code / itorch_last_error_message, borrowed handles, no exception escapes.
 * A failure of c10d or Gloo itself (a peer gone, a timeout, a store that cannot be reached, a
 * port already taken) is recorded as what libtorch threw: its code is ITORCH_ERR_TORCH or
 * ITORCH_ERR_STD and its message is c10d's. Bad arguments give ITORCH_ERR_INVALID_ARGUMENT.
 */
#ifndef ITORCH_DIST_H
#define ITORCH_DIST_H

#include "itorch.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct itorch_store itorch_store;
typedef struct itorch_process_group itorch_process_group;
typedef struct itorch_work itorch_work;
typedef struct itorch_ddp itorch_ddp;

/* How a collective combines the ranks' tensors. Average is the sum divided by the world size
 * once the sum has arrived: Gloo has no average of its own in libtorch 1.13 and 2.6. */
typedef enum itorch_reduce_op {
  ITORCH_REDUCE_SUM = 0,
  ITORCH_REDUCE_AVERAGE = 1,
  ITORCH_REDUCE_PRODUCT = 2,
  ITORCH_REDUCE_MIN = 3,
  ITORCH_REDUCE_MAX = 4
} itorch_reduce_op;

/* ---- Rendezvous stores ---------------------------------------------------------------- */

/* A TCPStore at host:port. The server (is_server != 0, rank 0 by convention) listens there
 * and waits up to timeout_ms for world_size - 1 clients; a client retries connecting for as
 * long. Caller owns *out: free with itorch_store_free. */
ITORCH_API int32_t itorch_store_tcp(itorch_store** out, const char* host, int32_t port, int32_t is_server,
                                    int32_t world_size, int64_t timeout_ms);
/* A FileStore: world_size processes that share the file at `path` (it must not be left over
 * from an earlier run). Caller owns *out: free with itorch_store_free. */
ITORCH_API int32_t itorch_store_file(itorch_store** out, const char* path, int32_t world_size);
ITORCH_API void itorch_store_free(itorch_store* store);

/* ---- Process groups ------------------------------------------------------------------- */

/* Joins a Gloo process group of world_size ranks as `rank`, meeting the others through
 * `store` (borrowed: the group keeps its own reference). Every collective and the connection
 * itself fail after timeout_ms without an answer from a peer. The network interface is the
 * one the host name resolves to, or the one named by GLOO_SOCKET_IFNAME (as in PyTorch).
 * Caller owns *out: free with itorch_process_group_free. */
ITORCH_API int32_t itorch_process_group_gloo(itorch_process_group** out, itorch_store* store, int32_t rank,
                                             int32_t world_size, int64_t timeout_ms);
/* The same over NCCL, for CUDA tensors. Without a CUDA build of the shim and of libtorch
 * this gives ITORCH_ERR_CUDA_UNAVAILABLE saying so. */
ITORCH_API int32_t itorch_process_group_nccl(itorch_process_group** out, itorch_store* store, int32_t rank,
                                             int32_t world_size, int64_t timeout_ms);
ITORCH_API ITORCH_TRIVIAL int32_t itorch_process_group_rank(const itorch_process_group* group);
ITORCH_API ITORCH_TRIVIAL int32_t itorch_process_group_size(const itorch_process_group* group);
ITORCH_API void itorch_process_group_free(itorch_process_group* group);

/* ---- Collectives ------------------------------------------------------------------------
 * Each starts the collective and hands back its work: wait with itorch_work_wait, then free
 * it with itorch_work_free. The tensors must stay alive and untouched until the wait. */

/* Combines `tensor` across the ranks, in place (an itorch_reduce_op). */
ITORCH_API int32_t itorch_all_reduce(itorch_work** out, itorch_process_group* group, itorch_tensor* tensor,
                                     int32_t op);
/* Copies root's `tensor` into every rank's `tensor` of the same shape and dtype. */
ITORCH_API int32_t itorch_broadcast(itorch_work** out, itorch_process_group* group, itorch_tensor* tensor,
                                    int32_t root);
/* Fills outputs[r] with rank r's `input`; outputs_count is the world size, and every output
 * already holds a tensor of the input's shape and dtype. */
ITORCH_API int32_t itorch_all_gather(itorch_work** out, itorch_process_group* group, itorch_tensor* const* outputs,
                                     int64_t outputs_count, const itorch_tensor* input);
/* Combines inputs[r] across the ranks into rank r's `output`; inputs_count is the world
 * size, and each rank's output has the shape of its inputs[rank] (the chunks may differ in
 * size). Composed from one all-reduce of the inputs laid end to end, because Gloo has no
 * reduce-scatter in libtorch 1.13 and 2.6. */
ITORCH_API int32_t itorch_reduce_scatter(itorch_work** out, itorch_process_group* group, itorch_tensor* output,
                                         const itorch_tensor* const* inputs, int64_t inputs_count, int32_t op);
/* Completes once every rank has reached it. */
ITORCH_API int32_t itorch_barrier(itorch_work** out, itorch_process_group* group);

/* Blocks until the collective has completed on this rank; a collective that failed (a peer
 * gone, the group's timeout passed) gives its error here. */
ITORCH_API int32_t itorch_work_wait(itorch_work* work);
ITORCH_API void itorch_work_free(itorch_work* work);

/* ---- Data-parallel training --------------------------------------------------------------
 * libtorch's c10d::Reducer, as PyTorch's DistributedDataParallel drives it: the gradients of
 * the optimizer's parameters are averaged over the ranks in buckets of about bucket_bytes,
 * each bucket's all-reduce starting as soon as backward has produced its gradients. */

/* Broadcasts the optimizer's parameters and the module's buffers (module may be null) from
 * rank 0, then sets up the averaging. With overlap == 0 the gradients are instead averaged
 * all at once after backward: the baseline that shows what the overlap saves. Caller owns
 * *out: free with itorch_ddp_free. */
ITORCH_API int32_t itorch_ddp_new(itorch_ddp** out, itorch_process_group* group, itorch_optimizer* optimizer,
                                  itorch_module* module, int64_t bucket_bytes, int32_t overlap);
/* Before a step's forward: broadcasts the module's buffers from rank 0 and arms the averaging
 * of the coming itorch_ddp_backward. */
ITORCH_API int32_t itorch_ddp_begin_step(itorch_ddp* ddp);
/* Backward from the scalar `loss`. After an itorch_ddp_begin_step the gradients are the
 * average over the ranks when this returns; without one (PyTorch's no_sync) they only
 * accumulate. A peer that fails during the averaging fails this call. */
ITORCH_API int32_t itorch_ddp_backward(itorch_ddp* ddp, const itorch_tensor* loss);
ITORCH_API void itorch_ddp_free(itorch_ddp* ddp);

#ifdef __cplusplus
}
#endif

#endif /* ITORCH_DIST_H */
