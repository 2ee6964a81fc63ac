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
            FitHistory history = trainer.Fit(TensorDataset.FromImages(train), epochs: 2, seed: 1,
                progress: new InlineProgress(_ => reports++));
            Assert.Equal(2, history.Count);
            // 187 full batches and, as PyTorch's DataLoader without drop_last, the last 32 samples.
            Assert.Equal(2 * 188, reports);
            Assert.True(history[1]["loss"] < history[0]["loss"], $"{history[0]["loss"]} -> {history[1]["loss"]}");
        }
        using var predictor = new TorchPredictor(model, [100, 1, 28, 28]);
        double accuracy = TorchTrainer.Accuracy(predictor, test);
        Assert.True(accuracy >= 0.80, $"test accuracy {accuracy:F4}");
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void FitWithValidation_StopsEarly_AndTheBestCheckpointReloadsToItsValidationAccuracy()
    {
        ImageDataset all = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Train);
        var train = TensorDataset.FromImages(all.Subset(0, 6_000));
        var validation = TensorDataset.FromImages(all.Subset(6_000, 2_000));
        string folder = Directory.CreateTempSubdirectory("itorch-fit-").FullName;
        string path = Path.Combine(folder, "best.pt");
        try
        {
            LibTorch.ManualSeed(3);
            var checkpoint = new ModelCheckpoint(path, monitor: "val_accuracy");
            var stopping = new EarlyStopping("val_accuracy", patience: 1);
            FitHistory history;
            using (var model = Mlp())
            {
                Tensor[] parameters = model.Parameters();
                using var optimizer = Optimizer.Adam(parameters, learningRate: 2e-3);
                using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [64, 1, 28, 28], [64]);
                history = trainer.Fit(train, epochs: 8, validationData: validation, metrics: [Metric.Accuracy()],
                    callbacks: [checkpoint, stopping], seed: 2);
                foreach (var p in parameters) p.Dispose();
            }

            IReadOnlyList<double> accuracies = history["val_accuracy"];
            Assert.Equal(accuracies.Max(), checkpoint.Best.Value);
            Assert.Equal(accuracies[checkpoint.Best.Epoch - 1], checkpoint.Best.Value);
            // Keras' patience 1: training ends at the first epoch after the best that does not improve.
            if (stopping.StoppedEpoch > 0) Assert.Equal((checkpoint.Best.Epoch + 1, stopping.StoppedEpoch), (stopping.StoppedEpoch, history.Count));
            else Assert.Equal(8, history.Count);

            LibTorch.ManualSeed(99);
            using var reloaded = Mlp();
            reloaded.Load(path);
            Tensor[] reloadedParameters = reloaded.Parameters();
            using var reloadedOptimizer = Optimizer.Sgd(reloadedParameters, learningRate: 0);
            using var evaluator = new TorchTrainer(reloaded, reloadedOptimizer, TrainingLoss.CrossEntropy, [64, 1, 28, 28], [64]);
            double accuracy = evaluator.Evaluate(validation, metrics: [Metric.Accuracy()])["accuracy"];
            foreach (var p in reloadedParameters) p.Dispose();
            Assert.Equal(checkpoint.Best.Value, accuracy);
            Assert.True(accuracy > 0.75, $"validation accuracy {accuracy:F4}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static NativeModule Mlp() =>
        Layers.Sequential(Layers.Flatten(), Layers.Linear(784, 64), Layers.ReLU(), Layers.Linear(64, 10));

    // Progress<T> posts to the thread pool; the test needs the reports counted synchronously.
    private sealed class InlineProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
