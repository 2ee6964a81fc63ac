using System.Globalization;

namespace Interop.Torch;

/// <summary>
/// One entry of a tensor subscript, as in PyTorch's <c>t[...]</c>. Written with C#'s own
/// syntax and converted implicitly, so <c>t[1, .., ^2..]</c> reads as Python's <c>t[1, :, -2:]</c>:
/// <list type="table">
/// <item><term><c>1</c>, <c>-1</c>, <c>^1</c></term><description>an integer: selects one position and drops the
/// dimension (a view); negative values and <c>^k</c> count from the end.</description></item>
/// <item><term><c>1..3</c>, <c>..</c>, <c>^2..</c></term><description>a <see cref="Range"/>: slices and keeps the
/// dimension (a view); bounds out of range are clamped, as in Python, not thrown as .NET ranges do.</description></item>
/// <item><term><see cref="Slice"/></term><description>a slice with a step (<c>t[::2]</c> is
/// <c>t[TensorIndex.Slice(step: 2)]</c>), which <see cref="Range"/> cannot express.</description></item>
/// <item><term><see cref="Ellipsis"/></term><description>Python's <c>...</c>: as many <c>..</c> as the
/// dimensions not indexed otherwise.</description></item>
/// <item><term><see cref="NewAxis"/> (<see cref="None"/>)</term><description>Python's <c>None</c>: inserts a
/// dimension of size 1 (a view).</description></item>
/// <item><term>a <see cref="Tensor"/></term><description>advanced indexing: an Int64 (or Int32) tensor picks
/// positions, a Bool (or UInt8) mask picks where it is true and spans as many dimensions as
/// it has. The result is a copy, not a view, as in PyTorch. Int32 positions need libtorch 2.x
/// (1.13 accepts Int64, Bool and UInt8 only). A 0-dimensional integer tensor counts as an
/// integer, and a 0-dimensional Bool tensor as PyTorch's <c>True</c>/<c>False</c>: a new axis of
/// size 1, kept (true) or emptied (false).</description></item>
/// </list>
/// A <see cref="TensorIndex"/> holds a reference to its tensor but does not own it.
/// </summary>
public readonly struct TensorIndex
{
    internal enum IndexKind : byte
    {
        Integer,
        Slice,
        Ellipsis,
        NewAxis,
        Tensor,
    }

    private readonly Tensor? tensor;
    private readonly long start;
    private readonly long end;
    private readonly long step;
    private readonly IndexKind kind;
    private readonly bool hasStart;
    private readonly bool hasEnd;
    // An integer written ^0: the position just past the end, which selects nothing and fails.
    private readonly bool pastTheEnd;

    private TensorIndex(IndexKind kind, long start = 0, bool hasStart = false, long end = 0, bool hasEnd = false,
        long step = 1, Tensor? tensor = null, bool pastTheEnd = false)
    {
        this.kind = kind;
        this.start = start;
        this.hasStart = hasStart;
        this.end = end;
        this.hasEnd = hasEnd;
        this.step = step;
        this.tensor = tensor;
        this.pastTheEnd = pastTheEnd;
    }

    internal IndexKind Kind => kind;

    /// <summary>The integer of an <see cref="IndexKind.Integer"/> entry, negative from the end; see <see cref="PastTheEnd"/>.</summary>
    internal long Integer => start;

    /// <summary>True for the integer <c>^0</c>, which names the size of the dimension.</summary>
    internal bool PastTheEnd => pastTheEnd;

    internal long? Start => hasStart ? start : null;

    internal long? End => hasEnd ? end : null;

    internal long Step => step;

    internal Tensor? IndexTensor => tensor;

    /// <summary>True for a slice that keeps every position: <c>..</c>, <c>0..</c>, <c>0..^0</c> with step 1.</summary>
    internal bool IsFullSlice => kind == IndexKind.Slice && (!hasStart || start == 0) && !hasEnd && step == 1;

    /// <summary>
    /// Python's <c>...</c>: stands for every dimension not indexed by the other entries. Write one
    /// per subscript; like PyTorch (unlike NumPy) a second is not rejected, and stands for as many
    /// dimensions again past the first.
    /// </summary>
    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis);

    /// <summary>Python's <c>None</c> (NumPy's <c>newaxis</c>): inserts a dimension of size 1.</summary>
    public static TensorIndex NewAxis => new(IndexKind.NewAxis);

    /// <summary>The same as <see cref="NewAxis"/>, named as in PyTorch's C++ API and TorchSharp.</summary>
    public static TensorIndex None => NewAxis;

    /// <summary>
    /// Python's <c>start:end:step</c>. A null bound is open; negative bounds count from the end;
    /// bounds beyond the dimension are clamped. <paramref name="step"/> must be positive, as in
    /// PyTorch (which has no negative steps).
    /// </summary>
    public static TensorIndex Slice(long? start = null, long? end = null, long step = 1) =>
        new(IndexKind.Slice, start.GetValueOrDefault(), start.HasValue, end.GetValueOrDefault(), end.HasValue, step);

    /// <summary>An integer index: selects position <paramref name="index"/>, negative from the end, and drops the dimension.</summary>
    public static TensorIndex Single(long index) => new(IndexKind.Integer, index, hasStart: true);

    /// <summary>An advanced index by a tensor of positions (Int64, Int32) or a mask (Bool, UInt8).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    public static TensorIndex FromTensor(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return new(IndexKind.Tensor, tensor: indices);
    }

    /// <summary>An integer index.</summary>
    public static implicit operator TensorIndex(long index) => Single(index);

    /// <summary>An integer index.</summary>
    public static implicit operator TensorIndex(int index) => Single(index);

    /// <summary>An integer index; <c>^k</c> is position size - k, as <c>-k</c> is in Python.</summary>
    public static implicit operator TensorIndex(Index index)
    {
        if (!index.IsFromEnd) return Single(index.Value);
        // ^0 is one past the end: it names the size, which selection rejects with libtorch's message.
        return index.Value == 0 ? new(IndexKind.Integer, 0, hasStart: true, pastTheEnd: true) : Single(-(long)index.Value);
    }

    /// <summary>A slice with step 1; <c>^k</c> bounds count from the end, as <c>-k</c> does in Python.</summary>
    public static implicit operator TensorIndex(Range range)
    {
        Index from = range.Start;
        Index to = range.End;
        // ^0 as a start is the end of the dimension: the slice is empty. ^0 as an end is open.
        long? start = !from.IsFromEnd ? (from.Value == 0 ? null : from.Value) : from.Value == 0 ? long.MaxValue : -(long)from.Value;
        long? end = !to.IsFromEnd ? to.Value : to.Value == 0 ? null : -(long)to.Value;
        return Slice(start, end);
    }

    /// <summary>An advanced index by a tensor of positions or a mask; see <see cref="FromTensor"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    public static implicit operator TensorIndex(Tensor indices) => FromTensor(indices);

    /// <summary>The entry as Python would write it: <c>1</c>, <c>1:3</c>, <c>::2</c>, <c>...</c>, <c>None</c>, <c>tensor</c>.</summary>
    public override string ToString() => kind switch
    {
        IndexKind.Integer => pastTheEnd ? "^0" : start.ToString(CultureInfo.InvariantCulture),
        IndexKind.Slice => (hasStart ? start.ToString(CultureInfo.InvariantCulture) : "") + ":" +
            (hasEnd ? end.ToString(CultureInfo.InvariantCulture) : "") +
            (step != 1 ? ":" + step.ToString(CultureInfo.InvariantCulture) : ""),
        IndexKind.Ellipsis => "...",
        IndexKind.NewAxis => "None",
        _ => "tensor",
    };
}
