using System.Diagnostics;
using Interop.Data;

namespace Interop.Torch;

public sealed partial class TorchTrainer
{
    /// <summary>
    /// Keras' <c>fit</c> over a dataset: trains for <paramref name="epochs"/> in batches, through the
    /// same allocation-free <see cref="Step(Tensor, Tensor)"/> as a hand-written loop, and logs
    /// the loss and <paramref name="metrics"/> of each epoch, on <paramref name="validationData"/>
    /// too. As PyTorch's <c>DataLoader</c> without <c>drop_last</c>, a last smaller batch is
    /// trained on, so every sample counts each epoch. A data-parallel trainer trains on its
    /// rank's <see cref="DistributedShard"/> of each epoch, and logs that share's loss and metrics.
    /// </summary>
    /// <param name="data">The training samples: class indices (long) as targets for cross-entropy, floats for the other losses.</param>
    /// <param name="epochs">Passes over the data, unless a callback stops training sooner.</param>
    /// <param name="batchSize">Samples per step; the trainer's batch size when null.</param>
    /// <param name="validationData">Evaluated after every epoch, in evaluation mode; its values are logged as <c>val_loss</c>, <c>val_accuracy</c>...</param>
    /// <param name="metrics">Tracked besides the loss, such as <see cref="Metric.Accuracy"/>.</param>
    /// <param name="callbacks">Called as training goes: <see cref="EarlyStopping"/>, <see cref="ModelCheckpoint"/>, <see cref="LearningRateSchedulerCallback"/>.</param>
    /// <param name="shuffle">A new order of the training samples every epoch.</param>
    /// <param name="seed">Seeds the shuffling, so runs repeat.</param>
    /// <param name="progress">Told after every step, with the epoch's running loss and metrics; may be null.</param>
    /// <returns>One log per epoch trained.</returns>
    /// <exception cref="ArgumentException">The data holds no samples, its targets do not suit the loss, or two metrics share a name.</exception>
    public FitHistory Fit<TTarget>(IDataset<float, TTarget> data, int epochs, int? batchSize = null,
        IDataset<float, TTarget>? validationData = null, IReadOnlyList<Metric>? metrics = null,
        IReadOnlyList<FitCallback>? callbacks = null, bool shuffle = true, int seed = 0,
        IProgress<TrainingProgress>? progress = null)
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        int size = batchSize ?? BatchSize;
        // In data-parallel training each rank trains on its own share of every epoch.
        DistributedShard? shard = WorldSize > 1 ? new DistributedShard(Rank, WorldSize) : null;
        using var training = new DataLoader<float, TTarget>(data, size, shuffle, seed, shard: shard);
        using DataLoader<float, TTarget>? validation = validationData is null ? null : new(validationData, size);
        return Fit(training, epochs, validation, metrics, callbacks, progress);
    }

    /// <summary>
    /// Keras' <c>fit</c> over a <see cref="DataLoader{TInput, TTarget}"/>, which decides the
    /// batches, their order and whether a last partial batch is dropped. Each batch trains in
    /// place, without a copy.
    /// </summary>
    /// <inheritdoc cref="Fit{TTarget}(IDataset{float, TTarget}, int, int?, IDataset{float, TTarget}?, IReadOnlyList{Metric}?, IReadOnlyList{FitCallback}?, bool, int, IProgress{TrainingProgress}?)"/>
    public FitHistory Fit<TTarget>(DataLoader<float, TTarget> data, int epochs, DataLoader<float, TTarget>? validationData = null,
        IReadOnlyList<Metric>? metrics = null, IReadOnlyList<FitCallback>? callbacks = null,
        IProgress<TrainingProgress>? progress = null)
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        RequireTargetsOfTheLoss<TTarget>(nameof(data));
        if (data.BatchCount == 0) throw new ArgumentException("The training data gives no batch: it is empty, or smaller than a batch with dropLast.", nameof(data));
        metrics = RequireDistinctNames(metrics);
        callbacks ??= [];
        StopTraining = false;
        foreach (FitCallback callback in callbacks) callback.OnTrainBegin(this);
        var history = new FitHistory();
        for (int epoch = 1; epoch <= epochs && !StopTraining; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach (Metric metric in metrics) metric.Reset();
            double lossSum = 0;
            long samples = 0;
            int batch = 0;
            foreach (DataLoaderBatch<float, TTarget> current in data)
            {
                float value = Step(current.Input, current.Target);
                lossSum += (double)value * current.Count;
                samples += current.Count;
                foreach (Metric metric in metrics) metric.Update(output, current.Target);
                batch++;
                foreach (FitCallback callback in callbacks) callback.OnBatchEnd(this, batch, value);
                progress?.Report(new TrainingProgress(epoch, epochs, batch, data.BatchCount, lossSum / samples, metrics));
            }
            var values = new Dictionary<string, double> { ["loss"] = lossSum / samples };
            foreach (Metric metric in metrics) values[metric.Name] = metric.Result;
            if (validationData is not null)
            {
                foreach (var (name, value) in EvaluatePass(validationData, metrics)) values["val_" + name] = value;
            }
            values["learning_rate"] = optimizer.LearningRate;
            var log = new EpochLog(epoch, values, Stopwatch.GetElapsedTime(start));
            history.Add(log);
            foreach (FitCallback callback in callbacks) callback.OnEpochEnd(this, log);
        }
        return history;
    }

    /// <summary>Keras' <c>evaluate</c>: the loss and <paramref name="metrics"/> over <paramref name="data"/>, in evaluation mode and without gradients.</summary>
    /// <returns><c>loss</c> and each metric by name.</returns>
    /// <exception cref="ArgumentException">The data holds no samples, or its targets do not suit the loss.</exception>
    public IReadOnlyDictionary<string, double> Evaluate<TTarget>(IDataset<float, TTarget> data, int? batchSize = null,
        IReadOnlyList<Metric>? metrics = null)
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        using var loader = new DataLoader<float, TTarget>(data, batchSize ?? BatchSize);
        return Evaluate(loader, metrics);
    }

    /// <inheritdoc cref="Evaluate{TTarget}(IDataset{float, TTarget}, int?, IReadOnlyList{Metric}?)"/>
    public IReadOnlyDictionary<string, double> Evaluate<TTarget>(DataLoader<float, TTarget> data, IReadOnlyList<Metric>? metrics = null)
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireTargetsOfTheLoss<TTarget>(nameof(data));
        return EvaluatePass(data, RequireDistinctNames(metrics));
    }

    /// <summary>
    /// Keras' <c>predict</c>: the model's outputs for every input of <paramref name="data"/>, in
    /// evaluation mode and without gradients, stacked in the dataset's order. The targets are not read.
    /// </summary>
    /// <returns>A new tensor <c>[samples, ..output]</c> that the caller owns.</returns>
    /// <exception cref="ArgumentException">The data holds no samples.</exception>
    public Tensor Predict<TTarget>(IDataset<float, TTarget> data, int? batchSize = null)
        where TTarget : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0) throw new ArgumentException("The data holds no samples.", nameof(data));
        using var loader = new DataLoader<float, TTarget>(data, batchSize ?? BatchSize);
        float[]? rows = null;
        int rowSize = 0;
        long[] shape = [];
        ModuleForward.EnsureMode(model, training: false);
        using (LibTorch.NoGrad())
        {
            foreach (DataLoaderBatch<float, TTarget> batch in loader)
            {
                ModuleForward.Into(model, batch.Input, evaluationOutput);
                if (rows is null)
                {
                    shape = evaluationOutput.Shape;
                    rowSize = checked((int)(evaluationOutput.Numel / batch.Count));
                    rows = new float[checked(rowSize * data.Count)];
                    shape[0] = data.Count;
                }
                // Without shuffling, batch after batch follows the dataset's order.
                evaluationOutput.CopyTo<float>(rows.AsSpan(batch.Indices[0] * rowSize, batch.Count * rowSize));
            }
        }
        return Tensor.FromData<float>(rows, shape);
    }

    private int BatchSize => checked((int)inputShape[0]);

    private IReadOnlyDictionary<string, double> EvaluatePass<TTarget>(DataLoader<float, TTarget> data, IReadOnlyList<Metric> metrics)
        where TTarget : unmanaged
    {
        if (data.BatchCount == 0) throw new ArgumentException("The evaluation data gives no batch: it is empty.", nameof(data));
        foreach (Metric metric in metrics) metric.Reset();
        double lossSum = 0;
        long samples = 0;
        ModuleForward.EnsureMode(model, training: false);
        using (LibTorch.NoGrad())
        {
            foreach (DataLoaderBatch<float, TTarget> batch in data)
            {
                ModuleForward.Into(model, batch.Input, evaluationOutput);
                ComputeLoss(evaluationOutput, batch.Target, evaluationLoss);
                lossSum += (double)evaluationLoss.Item<float>() * batch.Count;
                samples += batch.Count;
                foreach (Metric metric in metrics) metric.Update(evaluationOutput, batch.Target);
            }
        }
        var values = new Dictionary<string, double> { ["loss"] = lossSum / samples };
        foreach (Metric metric in metrics) values[metric.Name] = metric.Result;
        return values;
    }

    private void RequireTargetsOfTheLoss<TTarget>(string parameter)
    {
        bool classIndices = lossKind == TrainingLoss.CrossEntropy;
        if (classIndices ? typeof(TTarget) != typeof(long) : typeof(TTarget) != typeof(float))
        {
            throw new ArgumentException(classIndices
                ? $"This trainer minimises cross-entropy: its targets are class indices (long), not {typeof(TTarget).Name}."
                : $"This trainer's loss ({lossKind}) takes float targets of the output's shape, not {typeof(TTarget).Name}.", parameter);
        }
    }

    private static IReadOnlyList<Metric> RequireDistinctNames(IReadOnlyList<Metric>? metrics)
    {
        metrics ??= [];
        var names = new HashSet<string> { "loss", "learning_rate" };
        foreach (Metric metric in metrics)
        {
            ArgumentNullException.ThrowIfNull(metric, nameof(metrics));
            if (!names.Add(metric.Name)) throw new ArgumentException($"Two values would be logged as '{metric.Name}'.", nameof(metrics));
        }
        return metrics;
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
                correct += AccuracyMetric.ArgMax(row) == labels[i] ? 1 : 0;
            }
        }
        return (double)correct / data.Count;
    }
}
