using System.Diagnostics;
using Interop.Data;

namespace Interop.Torch;

public sealed partial class TorchTrainer
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> over <paramref name="data"/> in shuffled batches of
    /// the trainer's batch size (a last partial batch is left out), through the same
    /// allocation-free <c>Step</c>. Cross-entropy trainers only.
    /// </summary>
    /// <param name="data">Samples whose shape matches the trainer's input shape.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="progress">Told after every batch; may be null.</param>
    /// <param name="seed">Seeds the shuffling, so runs repeat.</param>
    public IReadOnlyList<EpochMetrics> Fit(ImageDataset data, int epochs, IProgress<TrainingProgress>? progress = null,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (classTargets is null) throw new InvalidOperationException("Fit trains classifiers: create the trainer with cross-entropy.");
        int batchSize = checked((int)inputShape[0]);
        int batches = data.Count / batchSize;
        if (batches == 0) throw new ArgumentException($"The data holds {data.Count} samples, fewer than one batch of {batchSize}.", nameof(data));

        var order = new int[data.Count];
        var images = new float[batchSize * data.SampleSize];
        var labels = new long[batchSize];
        var predicted = new long[batchSize];
        using var predictedTensor = new Tensor();
        var random = new Random(seed);
        var metrics = new List<EpochMetrics>(epochs);
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < order.Length; i++) order[i] = i;
            random.Shuffle(order);
            double lossSum = 0;
            long correct = 0;
            for (int batch = 0; batch < batches; batch++)
            {
                data.CopyBatch(order.AsSpan(batch * batchSize, batchSize), images, labels);
                float loss = Step(images, labels);
                lossSum += loss;
                Tensor.ArgMax(output, 1, result: predictedTensor);
                predictedTensor.CopyTo<long>(predicted);
                for (int i = 0; i < batchSize; i++) correct += predicted[i] == labels[i] ? 1 : 0;
                progress?.Report(new TrainingProgress(epoch, batch + 1, batches, loss));
            }
            metrics.Add(new EpochMetrics(epoch, lossSum / batches, (double)correct / (batches * batchSize),
                Stopwatch.GetElapsedTime(start)));
        }
        return metrics;
    }

    /// <summary>The share of <paramref name="data"/> that <paramref name="predictor"/> classifies right (its batch size, a last partial batch left out).</summary>
    public static double Accuracy(TorchPredictor predictor, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(data);
        int batchSize = checked((int)predictor.OutputShape[0]);
        int classes = checked((int)(predictor.OutputLength / batchSize));
        var indices = new int[batchSize];
        var images = new float[predictor.InputLength];
        var labels = new long[batchSize];
        var logits = new float[predictor.OutputLength];
        long correct = 0;
        int batches = data.Count / batchSize;
        for (int batch = 0; batch < batches; batch++)
        {
            for (int i = 0; i < batchSize; i++) indices[i] = batch * batchSize + i;
            data.CopyBatch(indices, images, labels);
            predictor.Predict(images, logits);
            for (int i = 0; i < batchSize; i++)
            {
                ReadOnlySpan<float> row = logits.AsSpan(i * classes, classes);
                correct += ArgMax(row) == labels[i] ? 1 : 0;
            }
        }
        return batches == 0 ? 0 : (double)correct / (batches * batchSize);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
