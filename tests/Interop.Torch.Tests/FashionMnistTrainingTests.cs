using Interop.Data;

namespace Interop.Torch.Tests;

public class FashionMnistTrainingTests
{
    [Fact]
    public void BriefTrainingOnASubsetBeatsChanceByFar()
    {
        LibTorch.ManualSeed(11);
        ImageDataset train = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Train).Subset(12_000);
        ImageDataset test = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Test).Subset(2_000);
        using var model = Layers.Sequential(Layers.Flatten(), Layers.Linear(784, 128), Layers.ReLU(), Layers.Linear(128, 10));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Adam(parameters, learningRate: 2e-3);
        using (var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [64, 1, 28, 28], [64]))
        {
            var reports = 0;
            var epochs = trainer.Fit(train, epochs: 2, new InlineProgress(_ => reports++), seed: 1);
            Assert.Equal(2, epochs.Count);
            // 187 full batches and, as PyTorch's DataLoader without drop_last, the last 32 samples.
            Assert.Equal(2 * 188, reports);
            Assert.True(epochs[1].MeanLoss < epochs[0].MeanLoss, $"{epochs[0].MeanLoss} -> {epochs[1].MeanLoss}");
        }
        using var predictor = new TorchPredictor(model, [100, 1, 28, 28]);
        double accuracy = TorchTrainer.Accuracy(predictor, test);
        Assert.True(accuracy >= 0.80, $"test accuracy {accuracy:F4}");
        foreach (var p in parameters) p.Dispose();
    }

    // Progress<T> posts to the thread pool; the test needs the reports counted synchronously.
    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
