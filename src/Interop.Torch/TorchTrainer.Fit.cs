using System.Diagnostics;
using Interop.Data;

namespace Interop.Torch;

public sealed partial class TorchTrainer
{
    /// <summary>
    /// Trains for <paramref name="epochs"/> over <paramref name="data"/> in shuffled batches of
    /// the trainer's batch size, through the same allocation-free <c>Step</c>. Cross-entropy
    /// trainers only.
    /// </summary>
    /// <param name="data">Samples whose shape matches the trainer's input shape.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="progress">Told after every batch; may be null.</param>
    /// <param name="seed">Seeds the shuffling, so runs repeat.</param>
    /// <param name="dropLast">
    /// Leaves out the last batch when it is smaller than the batch size, as PyTorch's
    /// <c>DataLoader(drop_last=True)</c>. False, the default as in PyTorch, trains on it too, so
    /// every sample is seen each epoch (and data smaller than one batch still trains).
    /// </param>
    /// <exception cref="ArgumentException">No batch to train on: the data is empty, or smaller than a batch with <paramref name="dropLast"/>.</exception>
    public IReadOnlyList<EpochMetrics> Fit(ImageDataset data, int epochs, IProgress<TrainingProgress>? progress = null,
        int seed = 0, bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (classTargets is null) throw new InvalidOperationException("Fit trains classifiers: create the trainer with cross-entropy.");
        int batchSize = checked((int)inputShape[0]);
        int fullBatches = data.Count / batchSize;
        int lastSize = dropLast ? 0 : data.Count % batchSize;
        int batches = fullBatches + (lastSize > 0 ? 1 : 0);
        if (batches == 0)
        {
            throw new ArgumentException($"The data holds {data.Count} samples, fewer than one batch of {batchSize}" +
                (dropLast ? " and dropLast leaves out a partial batch." : "."), nameof(data));
        }
        int samplesPerEpoch = fullBatches * batchSize + lastSize;

        var order = new int[data.Count];
        var images = new float[batchSize * data.SampleSize];
        var labels = new long[batchSize];
        var predicted = new long[batchSize];
        using var predictedTensor = new Tensor();
        using PartialBatch? last = lastSize > 0 ? new PartialBatch(inputShape, lastSize) : null;
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
                int size = batch < fullBatches ? batchSize : lastSize;
                Span<float> batchImages = images.AsSpan(0, size * data.SampleSize);
                Span<long> batchLabels = labels.AsSpan(0, size);
                data.CopyBatch(order.AsSpan(batch * batchSize, size), batchImages, batchLabels);
                // Only the batch after the full ones is partial, and it exists only with a PartialBatch.
                float loss = batch < fullBatches ? Step(images, labels) : last!.Step(this, batchImages, batchLabels);
                lossSum += loss;
                Torch.Argmax(output, 1, result: predictedTensor);
                predictedTensor.CopyTo<long>(predicted.AsSpan(0, size));
                for (int i = 0; i < size; i++) correct += predicted[i] == labels[i] ? 1 : 0;
                progress?.Report(new TrainingProgress(epoch, batch + 1, batches, loss));
            }
            metrics.Add(new EpochMetrics(epoch, lossSum / batches, (double)correct / samplesPerEpoch,
                Stopwatch.GetElapsedTime(start)));
        }
        return metrics;
    }

    // The buffers of Fit's last, smaller batch: the pooled ones have the full batch's shape.
    private sealed class PartialBatch : IDisposable
    {
        private readonly PinnedBatch<float> input;
        private readonly PinnedBatch<long> target;

        public PartialBatch(long[] fullInputShape, int size)
        {
            long[] shape = (long[])fullInputShape.Clone();
            shape[0] = size;
            input = new PinnedBatch<float>(shape);
            target = new PinnedBatch<long>([size]);
        }

        public float Step(TorchTrainer trainer, ReadOnlySpan<float> images, ReadOnlySpan<long> labels)
        {
            CopyInto(labels, target.Buffer, nameof(labels));
            return trainer.Step(images, input, target.Tensor);
        }

        public void Dispose()
        {
            input.Dispose();
            target.Dispose();
        }
    }

    /// <summary>
    /// The share of <paramref name="data"/> that <paramref name="predictor"/> classifies right, over
    /// every sample: the last batch, when smaller than the predictor's batch size, is filled up
    /// with copies of its last sample, whose predictions are not counted. That holds for models
    /// that treat samples one by one in evaluation mode (all of torch::nn's layers, batch norm
    /// with its running statistics included).
    /// </summary>
    /// <exception cref="ArgumentException">The data holds no samples.</exception>
    public static double Accuracy(TorchPredictor predictor, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("The data holds no samples.", nameof(data));
        int batchSize = checked((int)predictor.OutputShape[0]);
        int classes = checked((int)(predictor.OutputLength / batchSize));
        var indices = new int[batchSize];
        var images = new float[predictor.InputLength];
        var labels = new long[batchSize];
        var logits = new float[predictor.OutputLength];
        long correct = 0;
        for (int first = 0; first < data.Count; first += batchSize)
        {
            int size = Math.Min(batchSize, data.Count - first);
            for (int i = 0; i < batchSize; i++) indices[i] = first + Math.Min(i, size - 1);
            data.CopyBatch(indices, images, labels);
            predictor.Predict(images, logits);
            for (int i = 0; i < size; i++)
            {
                ReadOnlySpan<float> row = logits.AsSpan(i * classes, classes);
                correct += ArgMax(row) == labels[i] ? 1 : 0;
            }
        }
        return (double)correct / data.Count;
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
