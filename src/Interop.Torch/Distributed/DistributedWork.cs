using Interop.Torch.Native;

namespace Interop.Torch.Distributed;

/// <summary>
/// A collective in flight, as the work that <c>torch.distributed</c> returns with
/// <c>async_op=True</c>: <see cref="Wait"/> for it before reading or changing its tensors.
/// </summary>
public sealed unsafe class DistributedWork : NativeHandle
{
    internal DistributedWork()
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        ItorchDist.itorch_work_free((itorch_work*)handle);
        return true;
    }

    /// <summary>Blocks until the collective has completed on this rank.</summary>
    /// <exception cref="DistributedException">The collective failed: a peer is gone or did not answer within the group's timeout.</exception>
    public void Wait()
    {
        using Borrowed<itorch_work> self = new(this);
        DistributedException.Check(ItorchDist.itorch_work_wait(self.Pointer));
    }

    private protected override Exception ErrorOf(int status) => DistributedException.LastError(status);

    // Takes the work a collective handed back, or throws its error.
    internal void Take(int status, itorch_work* created) => Adopt(status, created);
}
