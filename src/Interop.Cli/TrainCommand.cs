using System.CommandLine;
using System.Globalization;
using Interop.Data;
using Interop.Torch;

namespace Interop.Cli;

/// <summary>`interop train fashion-mnist`: SimpleCNN on Fashion-MNIST through the C# training loop.</summary>
internal static class TrainCommand
{
    private const int BatchSize = 64;

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 training images.", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 1e-3 };
        var fashion = new Command("fashion-mnist", "Train SimpleCNN (1x28x28) on Fashion-MNIST and report test accuracy.") { epochs, threads, learningRate };
        fashion.SetAction(parse => Run(parse.GetValue(epochs), parse.GetValue(threads), parse.GetValue(learningRate)));
        return new Command("train", "Train a zoo model on real data.") { fashion };
    }

    private static int Run(int epochs, int threads, double learningRate)
    {
        LibTorch.Threads = threads;
        LibTorch.ManualSeed(0);
        ImageDataset train = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Train);
        ImageDataset test = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Test);
        Console.WriteLine($"Fashion-MNIST: {train.Count} train, {test.Count} test; SimpleCNN 1x28x28, batch {BatchSize}, " +
                          $"Adam lr {learningRate}, {threads} thread(s), libtorch {LibTorch.Version}");

        using NativeModule model = Zoo.SimpleCNN(inChannels: 1, height: 28, width: 28);
        Tensor[] parameters = model.Parameters();
        try
        {
            using var optimizer = Optimizer.Adam(parameters, learningRate);
            using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [BatchSize, 1, 28, 28], [BatchSize]);
            var progress = new ConsoleProgress();
            foreach (EpochMetrics epoch in trainer.Fit(train, epochs, progress))
            {
                progress.Finish();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {epoch.Epoch}: loss {epoch.MeanLoss:F4}, train accuracy {epoch.Accuracy:F4}, {epoch.Duration.TotalSeconds:F1} s"));
            }
            using var predictor = new TorchPredictor(model, [100, 1, 28, 28]);
            double accuracy = TorchTrainer.Accuracy(predictor, test);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {accuracy:F4}"));
        }
        finally
        {
            foreach (Tensor parameter in parameters) parameter.Dispose();
        }
        return 0;
    }

    // Rewrites one console line at most every 100 batches, so progress costs nothing measurable.
    private sealed class ConsoleProgress : IProgress<TrainingProgress>
    {
        private bool written;

        public void Report(TrainingProgress value)
        {
            if (value.Batch % 100 != 0 && value.Batch != value.BatchesPerEpoch) return;
            Console.Write(string.Create(CultureInfo.InvariantCulture,
                $"\repoch {value.Epoch}: batch {value.Batch}/{value.BatchesPerEpoch}, loss {value.Loss:F4}   "));
            written = true;
        }

        public void Finish()
        {
            if (written) Console.WriteLine();
            written = false;
        }
    }
}
