namespace Interop.Torch;

internal sealed class AccuracyMetric : CountingMetric
{
    public override string Name => "accuracy";

    protected override long CountClassHits(ReadOnlySpan<float> outputs, int classes, ReadOnlySpan<long> labels)
    {
        long hits = 0;
        for (int i = 0; i < labels.Length; i++) hits += ArgMax(outputs.Slice(i * classes, classes)) == labels[i] ? 1 : 0;
        return hits;
    }

    // The first index of the largest value, as torch.argmax.
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    // A logit above 0 predicts 1, as a probability above 0.5 does in Keras' binary accuracy.
    protected override long CountBinaryHits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
    {
        long hits = 0;
        for (int i = 0; i < logits.Length; i++) hits += (logits[i] > 0) == (targets[i] > 0.5f) ? 1 : 0;
        return hits;
    }
}
