using Interop.Torch.Native;

namespace Interop.Torch.Distributed;

/// <summary>
/// A c10d process group: this process's membership of a group of ranks that run collectives
/// together, as <c>torch.distributed</c>'s. Each collective starts at once and hands back its
/// <see cref="DistributedWork"/>; wait for it before touching its tensors. A peer that dies or
/// stays silent past the group's timeout fails the collective with a <see cref="DistributedException"/>.
/// </summary>
public sealed unsafe class ProcessGroup : NativeHandle
{
    private ProcessGroup()
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        ItorchDist.itorch_process_group_free((itorch_process_group*)handle);
        return true;
    }

    /// <summary>
    /// <c>torch.distributed.init_process_group</c>: meets the other ranks through rank 0's
    /// TCPStore (or a FileStore) and joins the group.
    /// </summary>
    /// <exception cref="DistributedException">The rendezvous failed: a port taken, a rank missing past the timeout.</exception>
    /// <exception cref="CudaUnavailableException">NCCL without a CUDA build of libtorch and of the shim.</exception>
    public static ProcessGroup Initialize(DistributedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using RendezvousStore store = options.FileStorePath is { } path
            ? RendezvousStore.File(path, options.WorldSize)
            : RendezvousStore.Tcp(options.MasterAddress, options.MasterPort, options.Rank == 0, options.WorldSize, options.Timeout);
        return Create(store, options.Rank, options.WorldSize, options.Timeout, options.Backend);
    }

    /// <summary>Joins the group of <paramref name="worldSize"/> ranks that meet in <paramref name="store"/>, as <paramref name="rank"/>.</summary>
    public static ProcessGroup Create(RendezvousStore store, int rank, int worldSize, TimeSpan timeout,
        DistributedBackend backend = DistributedBackend.Gloo)
    {
        ArgumentNullException.ThrowIfNull(store);
        long milliseconds = RendezvousStore.Milliseconds(timeout);
        var group = new ProcessGroup();
        using var borrowedStore = store.Borrow();
        itorch_process_group* created;
        int status = backend == DistributedBackend.Nccl
            ? ItorchDist.itorch_process_group_nccl(&created, borrowedStore.Pointer, rank, worldSize, milliseconds)
            : ItorchDist.itorch_process_group_gloo(&created, borrowedStore.Pointer, rank, worldSize, milliseconds);
        group.Adopt(status, created);
        return group;
    }

    /// <summary>This process's rank in the group.</summary>
    public int Rank
    {
        get
        {
            using var self = Borrow();
            return ItorchDist.itorch_process_group_rank(self.Pointer);
        }
    }

    /// <summary>The number of ranks.</summary>
    public int WorldSize
    {
        get
        {
            using var self = Borrow();
            return ItorchDist.itorch_process_group_size(self.Pointer);
        }
    }

    /// <summary><c>all_reduce</c>: every rank's <paramref name="tensor"/> becomes the combination of all of them.</summary>
    public DistributedWork AllReduce(Tensor tensor, ReduceOp op = ReduceOp.Sum)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var work = new DistributedWork();
        using var self = Borrow();
        using var borrowed = tensor.Borrow();
        itorch_work* created;
        work.Take(ItorchDist.itorch_all_reduce(&created, self.Pointer, borrowed.Pointer, (int)op), created);
        return work;
    }

    /// <summary><c>broadcast</c>: every rank's <paramref name="tensor"/> becomes <paramref name="root"/>'s.</summary>
    public DistributedWork Broadcast(Tensor tensor, int root = 0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var work = new DistributedWork();
        using var self = Borrow();
        using var borrowed = tensor.Borrow();
        itorch_work* created;
        work.Take(ItorchDist.itorch_broadcast(&created, self.Pointer, borrowed.Pointer, root), created);
        return work;
    }

    /// <summary>
    /// <c>all_gather</c>: <paramref name="outputs"/>[r] becomes rank r's <paramref name="input"/>.
    /// One output per rank, each already of the input's shape and dtype.
    /// </summary>
    public DistributedWork AllGather(ReadOnlySpan<Tensor> outputs, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var work = new DistributedWork();
        using var self = Borrow();
        using BorrowedList<itorch_tensor> list = new(outputs);
        using var borrowed = input.Borrow();
        itorch_work* created;
        work.Take(ItorchDist.itorch_all_gather(&created, self.Pointer, list.Pointers, outputs.Length, borrowed.Pointer), created);
        return work;
    }

    /// <summary>
    /// <c>reduce_scatter</c>: <paramref name="output"/> becomes the combination of every rank's
    /// <paramref name="inputs"/>[this rank]. One input per rank; the output has the shape of the
    /// input at this rank, and the inputs may differ in size.
    /// </summary>
    public DistributedWork ReduceScatter(Tensor output, ReadOnlySpan<Tensor> inputs, ReduceOp op = ReduceOp.Sum)
    {
        ArgumentNullException.ThrowIfNull(output);
        var work = new DistributedWork();
        using var self = Borrow();
        using var borrowed = output.Borrow();
        using BorrowedList<itorch_tensor> list = new(inputs);
        itorch_work* created;
        work.Take(ItorchDist.itorch_reduce_scatter(&created, self.Pointer, borrowed.Pointer, list.Pointers, inputs.Length, (int)op), created);
        return work;
    }

    /// <summary><c>barrier</c>: completes once every rank has reached it.</summary>
    public DistributedWork Barrier()
    {
        var work = new DistributedWork();
        using var self = Borrow();
        itorch_work* created;
        work.Take(ItorchDist.itorch_barrier(&created, self.Pointer), created);
        return work;
    }

    internal Borrowed<itorch_process_group> Borrow() => new(this);

    private protected override Exception ErrorOf(int status) => DistributedException.LastError(status);
}
