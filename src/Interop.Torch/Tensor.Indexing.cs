using System.Runtime.CompilerServices;

namespace Interop.Torch;

// PyTorch's t[...] for C#: the subscript is a list of TensorIndex entries (integers, System.Index,
// System.Range, TensorIndex.Slice/Ellipsis/NewAxis and tensors), applied as PyTorch's own
// at::indexing::get_item and set_item apply them, over the generated select, slice, unsqueeze,
// index, copy_, fill_ and index_put_ ops.
public sealed partial class Tensor
{
    // Advanced-index lists up to this long are kept on the stack.
    private const int InlineIndexTensors = 16;

    [InlineArray(InlineIndexTensors)]
    private struct IndexTensorBuffer
    {
        private Tensor? element;
    }

    /// <summary>
    /// PyTorch's <c>t[...]</c>: <c>t[1]</c>, <c>t[^1]</c>, <c>t[.., 1..3]</c>, <c>t[1.., ^2..]</c>,
    /// <c>t[0, 1]</c>, <c>t[mask]</c>, <c>t[indices]</c>, <c>t[TensorIndex.Ellipsis, TensorIndex.NewAxis]</c>
    /// (see <see cref="TensorIndex"/> for each entry's meaning).
    /// <para>
    /// Reading returns a new tensor, which the caller disposes. With integers, ranges, slices,
    /// ellipsis and new axes only it is a <b>view</b>: it shares the storage of this tensor, so
    /// writing into it changes this tensor (and it keeps that storage alive after this tensor is
    /// disposed). With a tensor entry (advanced indexing) it is a copy, as in PyTorch. An indexer
    /// takes no <c>result</c> slot: a loop that must allocate nothing uses <see cref="GetItem"/>.
    /// </para>
    /// <para>
    /// Assigning writes through the same subscript into this tensor: <c>t[.., 1..3] = other</c>
    /// copies <c>other</c> into the view, broadcasting and converting its dtype (<c>copy_</c>);
    /// with a tensor entry, <c>t[mask] = values</c> is <c>index_put_</c> (the values must have
    /// this tensor's dtype). A number cannot be assigned through the indexer (C# gives an indexer
    /// one value type, and a number does not convert to a tensor here): write
    /// <c>t.SetItem(5, 1)</c> for Python's <c>t[1] = 5</c>.
    /// </para>
    /// </summary>
    /// <exception cref="TorchIndexException">An index is out of range, or there are more indices than dimensions.</exception>
    /// <exception cref="TorchException">libtorch rejected the subscript or the assigned value (another shape, a mask of the wrong shape...).</exception>
    [IndexerName("Items")]
    public Tensor this[params ReadOnlySpan<TensorIndex> indices]
    {
        get => GetItem(null, indices);
        set => SetItem(value, indices);
    }

    /// <summary>
    /// <c>t[...]</c> written into <paramref name="result"/>, as PyTorch's <c>__getitem__</c>: the same
    /// subscript as the indexer (<see cref="this[ReadOnlySpan{TensorIndex}]"/>). Without tensor
    /// entries <paramref name="result"/> is rebound to the view and nothing managed is allocated;
    /// with one, the advanced-indexing copy is written into <paramref name="result"/>'s storage when
    /// it fits (so a <paramref name="result"/> that holds a view writes into the viewed tensor: give
    /// advanced indexing a slot of its own) and one temporary slot is used when basic entries
    /// precede the tensor. A null <paramref name="result"/> returns a new tensor.
    /// </summary>
    public Tensor GetItem(Tensor? result, params ReadOnlySpan<TensorIndex> indices)
    {
        Subscript subscript = Scan(indices);
        if (!subscript.HasTensors)
        {
            return Apply(indices, subscript, result) ?? Torch.Alias(this, result);
        }
        IndexTensorBuffer buffer = default;
        Span<Tensor?> list = subscript.ListBound <= InlineIndexTensors ? buffer : new Tensor?[subscript.ListBound];
        int count = 0;
        List<Tensor>? made = null;
        Tensor? view = null;
        try
        {
            // The views go through a slot of their own, never the caller's result: index writes
            // into its result's storage when it fits, and that storage would be this tensor's.
            view = Apply(indices, subscript, null, list, ref count, ref made);
            return Torch.Index(view ?? this, list[..count], result);
        }
        finally
        {
            view?.Dispose();
            DisposeAll(made);
        }
    }

    /// <summary>
    /// Python's <c>t[...] = value</c>: copies <paramref name="value"/> into the part of this tensor
    /// the subscript names, broadcasting it (leading dimensions of size 1 are dropped first, as
    /// PyTorch does). Without tensor entries this is <c>copy_</c> into the view, converting dtype and
    /// device; with one it is <c>index_put_</c>, whose values must have this tensor's dtype. It
    /// allocates one slot for the view, disposed before it returns; the allocation-free spelling
    /// is <c>t.GetItem(view, ...).CopyInPlace(value)</c> with a slot kept across calls.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void SetItem(Tensor value, params ReadOnlySpan<TensorIndex> indices)
    {
        ArgumentNullException.ThrowIfNull(value);
        Subscript subscript = Scan(indices);
        IndexTensorBuffer buffer = default;
        Span<Tensor?> list = subscript.ListBound <= InlineIndexTensors ? buffer : new Tensor?[subscript.ListBound];
        int count = 0;
        List<Tensor>? made = null;
        Tensor? view = null;
        Tensor? values = null;
        try
        {
            view = Apply(indices, subscript, null, list, ref count, ref made);
            Tensor target = view ?? this;
            values = WithoutLeadingOnes(value);
            if (subscript.HasTensors) target.IndexPutInPlace(list[..count], values ?? value);
            else target.CopyInPlace(values ?? value);
        }
        finally
        {
            values?.Dispose();
            view?.Dispose();
            DisposeAll(made);
        }
    }

    /// <summary>
    /// Python's <c>t[...] = 5</c>: fills the part of this tensor the subscript names with
    /// <paramref name="value"/>, converted to this tensor's dtype. Without tensor entries this is
    /// <c>fill_</c> on the view; with one it is <c>index_put_</c> of a 0-dimensional tensor holding
    /// the value. It allocates one slot for the view, disposed before it returns; the
    /// allocation-free spelling is <c>t.GetItem(view, ...).FillInPlace(5)</c>.
    /// </summary>
    public void SetItem(Scalar value, params ReadOnlySpan<TensorIndex> indices)
    {
        Subscript subscript = Scan(indices);
        IndexTensorBuffer buffer = default;
        Span<Tensor?> list = subscript.ListBound <= InlineIndexTensors ? buffer : new Tensor?[subscript.ListBound];
        int count = 0;
        List<Tensor>? made = null;
        Tensor? view = null;
        try
        {
            view = Apply(indices, subscript, null, list, ref count, ref made);
            Tensor target = view ?? this;
            if (!subscript.HasTensors)
            {
                target.FillInPlace(value);
                return;
            }
            using Tensor values = Torch.ScalarTensor(value, DType, device: Device);
            target.IndexPutInPlace(list[..count], values);
        }
        finally
        {
            view?.Dispose();
            DisposeAll(made);
        }
    }

    private static void DisposeAll(List<Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (Tensor t in tensors) t.Dispose();
    }

    // What a first pass over the subscript finds, before any op runs.
    private readonly record struct Subscript(int Rank, int Specified, bool HasTensors, int ListBound);

    // PyTorch's count_specified_dimensions and its checks, with its messages.
    private Subscript Scan(ReadOnlySpan<TensorIndex> indices)
    {
        int rank = Dim;
        int specified = 0;
        bool hasTensors = false;
        foreach (TensorIndex index in indices)
        {
            switch (index.Kind)
            {
                case TensorIndex.IndexKind.Ellipsis:
                case TensorIndex.IndexKind.NewAxis:
                    break;
                case TensorIndex.IndexKind.Tensor:
                    Tensor indexTensor = index.IndexTensor!;
                    int indexRank = indexTensor.Dim;
                    DType type = indexTensor.DType;
                    if (IsMask(type)) specified += indexRank;
                    else specified++;
                    // A 0-dimensional integer tensor is an integer; anything else is advanced
                    // indexing, a 0-dimensional mask included (PyTorch's True and False).
                    if (indexRank != 0 || !IsIntegral(type) || IsMask(type)) hasTensors = true;
                    break;
                default:
                    specified++;
                    break;
            }
        }
        if (specified > rank) throw new TorchIndexException($"too many indices for tensor of dimension {rank}");
        // The list of advanced indices has at most one entry per subscript entry, plus the
        // dimensions an ellipsis stands for.
        return new Subscript(rank, specified, hasTensors, indices.Length + rank - specified);
    }

    private Tensor? Apply(ReadOnlySpan<TensorIndex> indices, Subscript subscript, Tensor? into)
    {
        int count = 0;
        List<Tensor>? made = null;
        return Apply(indices, subscript, into, [], ref count, ref made);
    }

    // PyTorch's applySlicing: the basic entries become views, one op each, all written into one
    // slot (the caller's, or one made by the first op); the tensor entries are collected into
    // `list` for one index or index_put_ after, each at the position of the dimension it indexes
    // in the sliced tensor, with null for the dimensions between. Returns null when no op ran
    // (the subscript names the whole tensor). The index tensors made for 0-dimensional masks are
    // added to `made`, for the caller to dispose after the index op. On failure the slot made here
    // is disposed.
    private Tensor? Apply(ReadOnlySpan<TensorIndex> indices, Subscript subscript, Tensor? into, Span<Tensor?> list,
        ref int count, ref List<Tensor>? made)
    {
        Tensor current = this;
        Tensor? slot = into;
        bool applied = false;
        bool recording = false;
        long dim = 0;
        try
        {
            foreach (TensorIndex index in indices)
            {
                switch (index.Kind)
                {
                    case TensorIndex.IndexKind.Integer:
                        long position = index.PastTheEnd ? current.Size((int)dim) : index.Integer;
                        current = slot = Torch.Select(current, dim, position, slot);
                        applied = true;
                        break;
                    case TensorIndex.IndexKind.Slice:
                        // As PyTorch does, a slice that keeps everything runs no op.
                        if (!index.IsFullSlice)
                        {
                            current = slot = Torch.Slice(current, dim, index.Start, index.End, index.Step, slot);
                            applied = true;
                        }
                        dim++;
                        Skip(list, ref count, recording, 1);
                        break;
                    case TensorIndex.IndexKind.Ellipsis:
                        long covered = subscript.Rank - subscript.Specified;
                        dim += covered;
                        Skip(list, ref count, recording, covered);
                        break;
                    case TensorIndex.IndexKind.NewAxis:
                        current = slot = Torch.Unsqueeze(current, dim, slot);
                        applied = true;
                        dim++;
                        Skip(list, ref count, recording, 1);
                        break;
                    default:
                        Tensor indexTensor = index.IndexTensor!;
                        int indexRank = indexTensor.Dim;
                        DType type = indexTensor.DType;
                        if (indexRank == 0 && IsIntegral(type))
                        {
                            if (!IsMask(type))
                            {
                                current = slot = Torch.Select(current, dim, indexTensor.Item<long>(), slot);
                                applied = true;
                                break;
                            }
                            // PyTorch's True and False: a new dimension of size 1, indexed by the
                            // positions [0] or by none (boolToIndexingTensor), made here and
                            // disposed by the caller.
                            current = slot = Torch.Unsqueeze(current, dim, slot);
                            applied = true;
                            Tensor positions = indexTensor.Item<bool>()
                                ? Zeros([1], DType.Int64, Device)
                                : Empty([0], DType.Int64, Device);
                            (made ??= []).Add(positions);
                            indexTensor = positions;
                            indexRank = 1;
                            type = DType.Int64;
                        }
                        if (!recording)
                        {
                            recording = true;
                            for (int i = 0; i < dim; i++) list[count++] = null;
                        }
                        list[count++] = indexTensor;
                        dim += IsMask(type) ? indexRank : 1;
                        break;
                }
            }
        }
        catch
        {
            if (slot is not null && !ReferenceEquals(slot, into)) slot.Dispose();
            throw;
        }
        // Trailing nulls index nothing; PyTorch drops them too.
        while (count > 0 && list[count - 1] is null) count--;
        return applied ? slot : null;
    }

    private static void Skip(Span<Tensor?> list, ref int count, bool recording, long dims)
    {
        if (!recording) return;
        for (long i = 0; i < dims; i++) list[count++] = null;
    }

    // PyTorch's slicePrefix1sSize: a value with leading dimensions of size 1 is assigned as if
    // they were not there. Returns a view without them, or null when there are none.
    private static Tensor? WithoutLeadingOnes(Tensor value)
    {
        int rank = value.Dim;
        if (rank == 0 || value.Size(0) != 1) return null;
        Span<long> shape = rank <= 16 ? stackalloc long[rank] : new long[rank];
        value.GetShape(shape);
        int first = 0;
        while (first < rank && shape[first] == 1) first++;
        return Torch.View(value, shape[first..]);
    }

    private static bool IsMask(DType type) => type is DType.Bool or DType.UInt8;

    private static bool IsIntegral(DType type) =>
        type is DType.Bool or DType.UInt8 or DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64;
}
