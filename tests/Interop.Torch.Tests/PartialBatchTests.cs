using Interop.Data;

namespace Interop.Torch.Tests;

// The last batch smaller than the batch size: trained by Fit unless dropLast, as PyTorch's
// DataLoader, and always evaluated by Accuracy.
public class PartialBatchTests
{
    // Sample i is 2 features; its label is 1 when the first feature is the larger.
    private static ImageDataset Data(int count)
    {
        var random = new Random(count);
        var images = new float[count * 2];
        var labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            images[2 * i] = (float)random.NextDouble();
            images[2 * i + 1] = (float)random.NextDouble();
            labels[i] = images[2 * i] > images[2 * i + 1] ? 1 : 0;
        }
        return new ImageDataset(images, labels, channels: 2, height: 1, width: 1, PixelNormalization.None);
    }

    // Predicts label 1 exactly when the first feature is the larger: logits (x1, x0).
    private static NativeModule PerfectClassifier()
    {
        NativeModule model = Layers.Sequential(Layers.Flatten(), Layers.Linear(2, 2, bias: false));
        Tensor[] parameters = model.Parameters();
        parameters[0].CopyFrom<float>([0f, 1f, 1f, 0f]);
        foreach (Tensor p in parameters) p.Dispose();
        return model;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(21)]
    public void Accuracy_CountsEverySample_ThePartialLastBatchIncluded(int count)
    {
        using var model = PerfectClassifier();
        using var predictor = new TorchPredictor(model, [8, 2, 1, 1]);
        ImageDataset data = Data(count);
        Assert.Equal(1.0, TorchTrainer.Accuracy(predictor, data));

        // Flipping the labels of the samples in the partial batch alone must be seen.
        int partial = count % 8;
        long[] flipped = (long[])data.Labels.Clone();
        for (int i = count - partial; i < count; i++) flipped[i] = 1 - flipped[i];
        var wrongTail = new ImageDataset(data.Images, flipped, 2, 1, 1, PixelNormalization.None);
        Assert.Equal((double)(count - partial) / count, TorchTrainer.Accuracy(predictor, wrongTail), 12);
    }

    [Fact]
    public void Accuracy_OfNoSamples_Throws()
    {
        using var model = PerfectClassifier();
        using var predictor = new TorchPredictor(model, [8, 2, 1, 1]);
        ImageDataset empty = Data(0);
        BadInputAssert.Rejects<ArgumentException>(() => TorchTrainer.Accuracy(predictor, empty), "no samples", "data");
    }

    [Fact]
    public void Fit_TrainsOnThePartialLastBatch_ByDefault()
    {
        LibTorch.ManualSeed(8);
        using var model = Layers.Sequential(Layers.Flatten(), Layers.Linear(2, 2));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.5);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [8, 2, 1, 1], [8]);
        var reports = new List<TrainingProgress>();

        // Fewer samples than one batch: PyTorch's DataLoader gives one batch of 5.
        FitHistory history = trainer.Fit(TensorDataset.FromImages(Data(5)), epochs: 3, metrics: [Metric.Accuracy()],
            progress: new InlineProgress(reports.Add));

        Assert.Equal(3, history.Count);
        Assert.Equal(3, trainer.Steps);
        Assert.All(reports, r => Assert.Equal(1, r.BatchesPerEpoch));
        Assert.All(history["accuracy"], a => Assert.Contains(a, new[] { 0.0, 0.2, 0.4, 0.6, 0.8, 1.0 }));
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void Fit_CountsFullAndPartialBatches_AndALoaderWithDropLastLeavesThePartialOneOut()
    {
        using var model = Layers.Sequential(Layers.Flatten(), Layers.Linear(2, 2));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [8, 2, 1, 1], [8]);
        var data = TensorDataset.FromImages(Data(21));

        trainer.Fit(data, epochs: 2);
        Assert.Equal(2 * 3, trainer.Steps);
        using (var dropping = new DataLoader<float, long>(data, batchSize: 8, dropLast: true)) trainer.Fit(dropping, epochs: 2);
        Assert.Equal(2 * 3 + 2 * 2, trainer.Steps);
        using var nothing = new DataLoader<float, long>(TensorDataset.FromImages(Data(5)), batchSize: 8, dropLast: true);
        BadInputAssert.Rejects<ArgumentException>(() => trainer.Fit(nothing, epochs: 1), "no batch", "dropLast", "data");
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void Fit_OnThePartialBatch_StepsTheWeights_AsAStepOnThoseSamplesAlone()
    {
        // The same 5 samples through Fit (one partial batch) and through a trainer of batch 5.
        ImageDataset data = Data(5);
        float[] viaFit = TrainedWeights(data, batch: 8, useFit: true);
        float[] viaStep = TrainedWeights(data, batch: 5, useFit: false);
        Assert.Equal(viaStep, viaFit);
    }

    private static float[] TrainedWeights(ImageDataset data, int batch, bool useFit)
    {
        using var model = Layers.Sequential(Layers.Flatten(), Layers.Linear(2, 2, bias: false));
        Tensor[] parameters = model.Parameters();
        parameters[0].CopyFrom<float>([0.1f, -0.2f, 0.3f, 0.05f]);
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.5);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [batch, 2, 1, 1], [batch]);
        // Fit shuffles, but a mean loss over a batch does not depend on the order of its samples
        // beyond float rounding, so the step compares to within a few ulps.
        if (useFit) trainer.Fit(TensorDataset.FromImages(data), epochs: 1);
        else trainer.Step(data.Images, data.Labels);
        float[] weights = parameters[0].ToArray<float>();
        foreach (Tensor p in parameters) p.Dispose();
        return weights.Select(w => MathF.Round(w, 5)).ToArray();
    }

    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
