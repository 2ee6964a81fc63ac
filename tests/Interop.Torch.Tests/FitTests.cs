namespace Interop.Torch.Tests;

// Keras-level Fit, Evaluate and Predict on small tabular data: two features, label 1 when the
// first is the larger.
public sealed class FitTests : IDisposable
{
    private readonly NativeModule model;
    private readonly Tensor[] parameters;
    private readonly Optimizer optimizer;
    private readonly TorchTrainer trainer;

    public FitTests()
    {
        LibTorch.ManualSeed(5);
        NativeModule[] layers = [Layers.Linear(2, 16), Layers.ReLU(), Layers.Linear(16, 2)];
        model = Layers.Sequential(layers);
        foreach (NativeModule layer in layers) layer.Dispose();
        parameters = model.Parameters();
        optimizer = Optimizer.Adam(parameters, learningRate: 0.02);
        trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [16, 2], [16]);
    }

    internal static TensorDataset<float, long> Points(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = (float)random.NextDouble();
            features[2 * i + 1] = (float)random.NextDouble();
            labels[i] = features[2 * i] > features[2 * i + 1] ? 1 : 0;
        }
        return new TensorDataset<float, long>(features, [count, 2], labels, [count]);
    }

    [Fact]
    public void Fit_LogsTrainingAndValidationValues_AndTheLastValidationIsWhatEvaluateGives()
    {
        var validation = Points(70, seed: 2);
        FitHistory history = trainer.Fit(Points(200, seed: 1), epochs: 4, validationData: validation,
            metrics: [Metric.Accuracy(), Metric.TopKAccuracy(2)]);

        Assert.Equal(4, history.Count);
        Assert.Equal([1, 2, 3, 4], history.Select(e => e.Epoch));
        Assert.Equal(["loss", "accuracy", "top_2_accuracy", "val_loss", "val_accuracy", "val_top_2_accuracy", "learning_rate"],
            history[0].Values.Keys);
        Assert.All(history["top_2_accuracy"], value => Assert.Equal(1.0, value));
        Assert.All(history["learning_rate"], value => Assert.Equal(0.02, value, 12));
        Assert.True(history[3]["loss"] < history[0]["loss"], string.Join(", ", history["loss"]));
        Assert.True(history[3]["val_accuracy"] > 0.9, string.Join(", ", history["val_accuracy"]));
        // 200 samples in batches of 16: 12 full steps and a last one of 8, every epoch.
        Assert.Equal(4 * 13, trainer.Steps);

        IReadOnlyDictionary<string, double> evaluated = trainer.Evaluate(validation, metrics: [Metric.Accuracy()]);
        Assert.Equal(history[3]["val_loss"], evaluated["loss"], 12);
        Assert.Equal(history[3]["val_accuracy"], evaluated["accuracy"], 12);
    }

    [Fact]
    public void Fit_TrainsABinaryCrossEntropyModel_WithKerasBinaryAccuracy()
    {
        // Two independent 0/1 targets a sample: x0 > x1, and x0 + x1 > 1.
        var random = new Random(7);
        var features = new float[96 * 2];
        var targets = new float[96 * 2];
        for (int i = 0; i < 96; i++)
        {
            float x0 = (float)random.NextDouble(), x1 = (float)random.NextDouble();
            (features[2 * i], features[2 * i + 1]) = (x0, x1);
            (targets[2 * i], targets[2 * i + 1]) = (x0 > x1 ? 1 : 0, x0 + x1 > 1 ? 1 : 0);
        }
        var data = new TensorDataset<float, float>(features, [96, 2], targets, [96, 2]);
        using var bce = new TorchTrainer(model, optimizer, TrainingLoss.BinaryCrossEntropyWithLogits, [16, 2], [16, 2]);

        FitHistory history = bce.Fit(data, epochs: 6, validationData: data, metrics: [Metric.Accuracy()]);

        Assert.True(history[5]["loss"] < history[0]["loss"], string.Join(", ", history["loss"]));
        Assert.True(history[5]["val_accuracy"] > 0.8, string.Join(", ", history["val_accuracy"]));
        BadInputAssert.Rejects<ArgumentException>(() => bce.Fit(Points(16, 1), epochs: 1), "float targets", "Int64");
    }

    [Fact]
    public void Progress_ReportsEveryStep_WithTheEpochsRunningMeanLoss()
    {
        var reports = new List<TrainingProgress>();
        FitHistory history = trainer.Fit(Points(40, seed: 3), epochs: 2, metrics: [Metric.Accuracy()],
            progress: new InlineProgress(reports.Add));

        Assert.Equal(2 * 3, reports.Count);
        Assert.Equal([1, 2, 3, 1, 2, 3], reports.Select(r => r.Batch));
        Assert.All(reports, r => Assert.Equal((2, 3), (r.Epochs, r.BatchesPerEpoch)));
        Assert.Equal(history[1]["loss"], reports[^1].Loss, 12);
        Assert.Equal(history[1]["accuracy"], reports[^1].Metrics[0].Result, 12);
    }

    [Fact]
    public void Predict_GivesEveryOutputInTheDatasetsOrder()
    {
        var data = Points(37, seed: 4);
        trainer.Fit(data, epochs: 1);
        using Tensor predicted = trainer.Predict(data);

        Assert.Equal([37L, 2L], predicted.Shape);
        model.Eval();
        using var input = Tensor.FromData<float>(Features(data), 37, 2);
        using (LibTorch.NoGrad())
        {
            using Tensor expected = model.Forward(input);
            TensorAssert.Close(expected.ToArray<float>().Select(v => (double)v).ToArray(), predicted, 1e-6);
        }
    }

    [Fact]
    public void Fit_TrainsOnLoaderBatchesInPlace_AsStepOnTheSameTensors()
    {
        float[] before = parameters[2].ToArray<float>();
        using var loader = new DataLoader<float, long>(Points(16, seed: 6), batchSize: 16);
        trainer.Fit(loader, epochs: 1);
        float[] afterFit = parameters[2].ToArray<float>();
        Assert.NotEqual(before, afterFit);
        Assert.Equal(1, trainer.Steps);
    }

    [Fact]
    public void BadArguments_AreRejectedBeforeAnyStep()
    {
        var floats = new TensorDataset<float, float>(new float[8], [4, 2], new float[8], [4, 2]);
        BadInputAssert.Rejects<ArgumentException>(() => trainer.Fit(floats, epochs: 1), "cross-entropy", "class indices", "Single");
        BadInputAssert.Rejects<ArgumentException>(() => trainer.Fit(Points(8, 1), epochs: 1, metrics: [Metric.Accuracy(), Metric.Accuracy()]),
            "Two values would be logged as 'accuracy'");
        BadInputAssert.Rejects<ArgumentException>(() => trainer.Fit(Points(0, 1), epochs: 1), "no batch");
        BadInputAssert.Rejects<ArgumentException>(() => trainer.Predict(Points(0, 1)), "no samples");
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Fit(Points(8, 1), epochs: 0));
        Assert.Equal(0, trainer.Steps);
    }

    [Fact]
    public void ANativeError_InABatch_SurfacesFromFit_WithTheNativeMessage()
    {
        // Labels beyond the two classes: libtorch's cross-entropy rejects the first batch.
        var wrong = new TensorDataset<float, long>(new float[8], [4, 2], [0, 1, 7, 1], [4]);
        var error = BadInputAssert.Rejects<TorchIndexException>(() => trainer.Fit(wrong, epochs: 1), "Target 7 is out of bounds");
        Assert.NotEmpty(error.NativeMessage);
    }

    private static float[] Features(TensorDataset<float, long> data)
    {
        var features = new float[data.Count * 2];
        var label = new long[1];
        for (int i = 0; i < data.Count; i++) data.CopySample(i, features.AsSpan(2 * i, 2), label);
        return features;
    }

    public void Dispose()
    {
        trainer.Dispose();
        optimizer.Dispose();
        foreach (Tensor p in parameters) p.Dispose();
        model.Dispose();
    }

    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
