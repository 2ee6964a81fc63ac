using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>
    /// True when this slot and <paramref name="other"/> hold the very same tensor, as Python's
    /// <c>a is b</c>: what <see cref="Assign"/> and a module's parameter handles share. Two views of
    /// one storage, or two tensors of equal values, are not the same. False when either is empty.
    /// </summary>
    public bool IsSame(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        using var a = Borrow();
        using var b = other.Borrow();
        return Itorch.itorch_tensor_is_same(a.Pointer, b.Pointer) != 0;
    }
}
