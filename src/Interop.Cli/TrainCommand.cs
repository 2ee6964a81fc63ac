using System.CommandLine;
using System.Globalization;
using Interop.Data;
using Interop.Torch;

namespace Interop.Cli;

/// <summary>`interop train fashion-mnist`: SimpleCNN on Fashion-MNIST through Fit, Keras' way: a summary, a validation split, a progress bar per epoch.</summary>
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
        ImageDataset all = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Train);
        ImageDataset test = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Test);
        // Keras' validation_split: the last tenth of the training files, never trained on.
        int validationCount = all.Count / 10;
        ImageDataset train = all.Subset(0, all.Count - validationCount);
        ImageDataset validation = all.Subset(all.Count - validationCount, validationCount);
        Console.WriteLine($"Fashion-MNIST: {train.Count} train, {validation.Count} validation, {test.Count} test; batch {BatchSize}, " +
                          $"Adam lr {learningRate}, {threads} thread(s), libtorch {LibTorch.Version}");

        using NativeModule model = Zoo.SimpleCNN(inChannels: 1, height: 28, width: 28);
        Console.WriteLine(model.Summary([BatchSize, 1, 28, 28]));
        Tensor[] parameters = model.Parameters();
        try
        {
            using var optimizer = Optimizer.Adam(parameters, learningRate);
            using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [BatchSize, 1, 28, 28], [BatchSize]);
            KerasProgress.Show(display => trainer.Fit(TensorDataset.FromImages(train), epochs,
                validationData: TensorDataset.FromImages(validation), metrics: [Metric.Accuracy()], callbacks: [display],
                progress: display));
            IReadOnlyDictionary<string, double> tested = trainer.Evaluate(TensorDataset.FromImages(test), batchSize: 100,
                metrics: [Metric.Accuracy()]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test loss: {tested["loss"]:F4}, test accuracy: {tested["accuracy"]:F4}"));
        }
        finally
        {
            foreach (Tensor parameter in parameters) parameter.Dispose();
        }
        return 0;
    }
}
