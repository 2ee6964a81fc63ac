using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>Sum of all elements.</summary>
    public static Tensor Sum(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_sum);

    /// <summary>Sum over <paramref name="dims"/>.</summary>
    public static Tensor Sum(Tensor a, ReadOnlySpan<long> dims, bool keepDim = false, Tensor? result = null) =>
        OverDims(a, dims, keepDim, result, &Itorch.itorch_sum_dims);

    /// <summary>Mean of all elements (floating-point tensors).</summary>
    public static Tensor Mean(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_mean);

    /// <summary>Mean over <paramref name="dims"/>.</summary>
    public static Tensor Mean(Tensor a, ReadOnlySpan<long> dims, bool keepDim = false, Tensor? result = null) =>
        OverDims(a, dims, keepDim, result, &Itorch.itorch_mean_dims);

    /// <summary>The largest values along <paramref name="dim"/> and their indices.</summary>
    public static (Tensor Values, Tensor Indices) Max(Tensor a, long dim, bool keepDim = false,
        Tensor? values = null, Tensor? indices = null)
    {
        using var x = a.Borrow();
        Tensor valuesSlot = values ?? new Tensor();
        Tensor indicesSlot = indices ?? new Tensor();
        int status;
        try
        {
            using var v = valuesSlot.Borrow();
            using var i = indicesSlot.Borrow();
            status = Itorch.itorch_max_dim(v.Pointer, i.Pointer, x.Pointer, dim, keepDim ? 1 : 0);
        }
        catch
        {
            // A disposed caller slot: the slot made here for the other result must not leak.
            if (values is null) valuesSlot.Dispose();
            if (indices is null) indicesSlot.Dispose();
            throw;
        }
        if (status != 0 && values is null) valuesSlot.Dispose();
        return (valuesSlot, Finish(indicesSlot, indices, status));
    }

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public static Tensor ArgMax(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_argmax);

    /// <summary>Indices of the largest values along <paramref name="dim"/>.</summary>
    public static Tensor ArgMax(Tensor a, long dim, bool keepDim = false, Tensor? result = null)
    {
        using var x = a.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = Itorch.itorch_argmax_dim(r.Pointer, x.Pointer, dim, keepDim ? 1 : 0);
        return Finish(slot, result, status);
    }

    private static Tensor OverDims(Tensor a, ReadOnlySpan<long> dims, bool keepDim, Tensor? result,
        delegate*<itorch_tensor*, itorch_tensor*, long*, int, int, int> op)
    {
        using var x = a.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        fixed (long* d = dims)
        using (var r = slot.Borrow())
        {
            status = op(r.Pointer, x.Pointer, d, dims.Length, keepDim ? 1 : 0);
        }
        return Finish(slot, result, status);
    }
}
