namespace Interop.Torch;

internal sealed class TopKAccuracyMetric : CountingMetric
{
    private readonly int k;

    public TopKAccuracyMetric(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        this.k = k;
        Name = $"top_{k}_accuracy";
    }

    public override string Name { get; }

    // The label is among the k largest when fewer than k outputs beat it; ties count for the label,
    // as torch.topk may order equal values either way.
    protected override long CountClassHits(ReadOnlySpan<float> outputs, int classes, ReadOnlySpan<long> labels)
    {
        if (k > classes) throw new ArgumentException($"{Name} needs at least {k} classes; the output has {classes}.");
        long hits = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> row = outputs.Slice(i * classes, classes);
            long label = labels[i];
            if (label < 0 || label >= classes) continue;
            float score = row[(int)label];
            int above = 0;
            foreach (float value in row) above += value > score ? 1 : 0;
            hits += above < k ? 1 : 0;
        }
        return hits;
    }
}
