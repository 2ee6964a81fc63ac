namespace Interop.Torch;

// A metric that is a share of hits, counted on host copies of each batch: buffers grow to the
// largest batch once, so counting allocates nothing after the first epoch and holds no native handle.
internal abstract class CountingMetric : Metric
{
    private float[] outputs = [];
    private long[] labels = [];
    private float[] floatTargets = [];
    private long hits;
    private long total;

    public override double Result => total == 0 ? double.NaN : (double)hits / total;

    public override void Reset() => (hits, total) = (0, 0);

    public override void Update(Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        ReadOnlySpan<float> values = Copy(output, ref outputs);
        if (target.DType == DType.Int64)
        {
            ReadOnlySpan<long> classes = Copy(target, ref labels);
            if (classes.Length == 0 || values.Length % classes.Length != 0)
            {
                throw new ArgumentException($"{Name} needs one class index per sample: the output holds {values.Length} values for {classes.Length} labels.", nameof(target));
            }
            hits += CountClassHits(values, values.Length / classes.Length, classes);
            total += classes.Length;
        }
        else
        {
            if (target.DType != DType.Float32) throw new ArgumentException($"{Name} takes class indices (Int64) or float targets, not {target.DType}.", nameof(target));
            ReadOnlySpan<float> expected = Copy(target, ref floatTargets);
            if (expected.Length != values.Length)
            {
                throw new ArgumentException($"{Name} needs targets of the output's shape: {expected.Length} targets for {values.Length} outputs.", nameof(target));
            }
            hits += CountBinaryHits(values, expected);
            total += expected.Length;
        }
    }

    // Hits among `labels.Length` rows of `classes` outputs each.
    protected abstract long CountClassHits(ReadOnlySpan<float> outputs, int classes, ReadOnlySpan<long> labels);

    protected virtual long CountBinaryHits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets) =>
        throw new InvalidOperationException($"{Name} needs class-index targets (a cross-entropy trainer).");

    private static ReadOnlySpan<T> Copy<T>(Tensor tensor, ref T[] buffer) where T : unmanaged
    {
        int count = checked((int)tensor.Numel);
        if (buffer.Length < count) buffer = new T[count];
        Span<T> values = buffer.AsSpan(0, count);
        tensor.CopyTo(values);
        return values;
    }
}
