using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>A view with another shape, sharing storage; one size may be -1.</summary>
    public Tensor View(params ReadOnlySpan<long> shape) => View(this, shape);

    /// <summary>A view of <paramref name="a"/> with another shape, sharing storage; one size may be -1.</summary>
    public static Tensor View(Tensor a, ReadOnlySpan<long> shape, Tensor? result = null) =>
        WithSizes(a, shape, result, &Itorch.itorch_view);

    /// <summary>Another shape: a view when possible, else a copy.</summary>
    public Tensor Reshape(params ReadOnlySpan<long> shape) => Reshape(this, shape);

    /// <summary><paramref name="a"/> in another shape: a view when possible, else a copy.</summary>
    public static Tensor Reshape(Tensor a, ReadOnlySpan<long> shape, Tensor? result = null) =>
        WithSizes(a, shape, result, &Itorch.itorch_reshape);

    /// <summary>The dimensions reordered, as a view.</summary>
    public Tensor Permute(params ReadOnlySpan<long> dims) => Permute(this, dims);

    /// <summary><paramref name="a"/>'s dimensions reordered, as a view.</summary>
    public static Tensor Permute(Tensor a, ReadOnlySpan<long> dims, Tensor? result = null) =>
        WithSizes(a, dims, result, &Itorch.itorch_permute);

    /// <summary>Dimensions <paramref name="startDim"/> to <paramref name="endDim"/> merged into one.</summary>
    public static Tensor Flatten(Tensor a, long startDim = 0, long endDim = -1, Tensor? result = null)
    {
        using var x = a.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = Itorch.itorch_flatten(r.Pointer, x.Pointer, startDim, endDim);
        return Finish(slot, result, status);
    }

    /// <summary>The tensors joined along <paramref name="dim"/>.</summary>
    public static Tensor Cat(ReadOnlySpan<Tensor> tensors, long dim = 0, Tensor? result = null)
    {
        const int StackLimit = 16;
        if (tensors.Length > StackLimit) return CatMany(tensors, dim, result);
        var pointers = stackalloc itorch_tensor*[StackLimit];
        int added = 0;
        try
        {
            for (; added < tensors.Length; added++)
            {
                tensors[added].AddBorrow();
                pointers[added] = (itorch_tensor*)tensors[added].DangerousGetHandle();
            }
            Tensor slot = result ?? new Tensor();
            int status;
            using (var r = slot.Borrow()) status = Itorch.itorch_cat(r.Pointer, pointers, tensors.Length, dim);
            return Finish(slot, result, status);
        }
        finally
        {
            for (int i = 0; i < added; i++) tensors[i].DangerousRelease();
        }
    }

    // Joins in chunks so the pointer array stays on the stack.
    private static Tensor CatMany(ReadOnlySpan<Tensor> tensors, long dim, Tensor? result)
    {
        using Tensor head = Cat(tensors[..15], dim);
        using Tensor tail = Cat(tensors[15..], dim);
        return Cat([head, tail], dim, result);
    }

    private static Tensor WithSizes(Tensor a, ReadOnlySpan<long> sizes, Tensor? result,
        delegate*<itorch_tensor*, itorch_tensor*, long*, int, int> op)
    {
        using var x = a.Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        fixed (long* s = sizes)
        using (var r = slot.Borrow())
        {
            status = op(r.Pointer, x.Pointer, s, sizes.Length);
        }
        return Finish(slot, result, status);
    }
}
