using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// A tensor's native pointer held for one call. It adds a reference to the SafeHandle so a
/// concurrent Dispose cannot free the slot mid-call; a disposed tensor throws
/// ObjectDisposedException here instead of reaching native code, also while other threads
/// still hold borrows (<see cref="Tensor.AddBorrow"/>).
/// </summary>
internal readonly unsafe ref struct Borrowed
{
    private readonly Tensor? tensor;

    public Borrowed(Tensor? tensor)
    {
        if (tensor is null) return;
        tensor.AddBorrow();
        this.tensor = tensor;
        Pointer = (itorch_tensor*)tensor.DangerousGetHandle();
    }

    /// <summary>The slot, or null for an absent optional tensor.</summary>
    public itorch_tensor* Pointer { get; }

    public void Dispose() => tensor?.DangerousRelease();
}
