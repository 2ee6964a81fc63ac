using Interop.Torch.Native;

namespace Interop.Torch.Distributed;

/// <summary>The shim's c10d Reducer over an optimizer's parameters, which a data-parallel <see cref="TorchTrainer"/> drives.</summary>
internal sealed unsafe class GradientAveraging : NativeHandle
{
    private GradientAveraging()
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        ItorchDist.itorch_ddp_free((itorch_ddp*)handle);
        return true;
    }

    // Broadcasts rank 0's parameters (and the model's buffers, for a native model) to every rank.
    public static GradientAveraging Create(DataParallelOptions options, Optimizer optimizer, IModule model)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BucketMegabytes, 1, nameof(options.BucketMegabytes));
        var averaging = new GradientAveraging();
        using var group = options.Group.Borrow();
        using var optim = optimizer.Borrow();
        using Borrowed<itorch_module> module = new(model as NativeModule);
        itorch_ddp* created;
        averaging.Adopt(ItorchDist.itorch_ddp_new(&created, group.Pointer, optim.Pointer, module.Pointer,
            options.BucketMegabytes * 1024L * 1024L, options.OverlapWithBackward ? 1 : 0), created);
        return averaging;
    }

    // Before the forward of a step whose backward averages the gradients.
    public void BeginStep()
    {
        using var self = new Borrowed<itorch_ddp>(this);
        DistributedException.Check(ItorchDist.itorch_ddp_begin_step(self.Pointer));
    }

    public void Backward(Tensor loss)
    {
        using var self = new Borrowed<itorch_ddp>(this);
        using var borrowedLoss = loss.Borrow();
        DistributedException.Check(ItorchDist.itorch_ddp_backward(self.Pointer, borrowedLoss.Pointer));
    }

    private protected override Exception ErrorOf(int status) => DistributedException.LastError(status);
}
