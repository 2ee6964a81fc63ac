using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// CPU mixed precision until disposed, as Python's <c>with torch.autocast("cpu", torch.bfloat16):</c>:
/// matmuls, linear layers and convolutions run in bfloat16 on the calling thread, losses and
/// other precision-sensitive ops in float32. Parameters stay float32, so a train step under the
/// scope, with backward and the optimizer after it, is PyTorch's CPU mixed-precision step.
/// Dispose it on the thread that created it; scopes nest.
/// </summary>
public readonly unsafe struct AutocastScope : IDisposable
{
    // Null for default(AutocastScope), whose Dispose must change nothing.
    private readonly (int Enabled, int DType)? previous;

    internal AutocastScope(DType dtype)
    {
        int enabled, previousDType;
        Status.Check(Itorch.itorch_autocast_enter((int)dtype, &enabled, &previousDType));
        previous = (enabled, previousDType);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (previous is var (enabled, dtype)) Status.Check(Itorch.itorch_autocast_exit(enabled, dtype));
    }
}
