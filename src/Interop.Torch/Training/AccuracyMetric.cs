namespace Interop.Torch;

internal sealed class AccuracyMetric : CountingMetric
{
    public override string Name => "accuracy";

    protected override long CountClassHits(ReadOnlySpan<float> outputs, int classes, ReadOnlySpan<long> labels)
    {
        long hits = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = outputs.Slice(i * classes, classes);
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (row[c] > row[best]) best = c;
            }
            hits += best == labels[i] ? 1 : 0;
        }
        return hits;
    }

    // A logit above 0 predicts 1, as a probability above 0.5 does in Keras' binary accuracy.
    protected override long CountBinaryHits(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets)
    {
        long hits = 0;
        for (int i = 0; i < logits.Length; i++) hits += (logits[i] > 0) == (targets[i] > 0.5f) ? 1 : 0;
        return hits;
    }
}
