namespace Interop.Torch;

/// <summary>
/// Samples a <see cref="DataLoader{TInput, TTarget}"/> can batch: each an input and a target of
/// fixed shapes, copied by index into a batch's buffers. Implementations must allow
/// <see cref="CopySample"/> from a background thread.
/// </summary>
public interface IDataset<TInput, TTarget>
    where TInput : unmanaged
    where TTarget : unmanaged
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>The shape of one sample's input, without the batch dimension.</summary>
    ReadOnlySpan<long> InputShape { get; }

    /// <summary>The shape of one sample's target, without the batch dimension (empty for a class index).</summary>
    ReadOnlySpan<long> TargetShape { get; }

    /// <summary>Copies sample <paramref name="index"/> into <paramref name="input"/> and <paramref name="target"/>, which have exactly its sizes.</summary>
    void CopySample(int index, Span<TInput> input, Span<TTarget> target);
}
