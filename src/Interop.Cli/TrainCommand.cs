using System.CommandLine;
using System.Globalization;
using Interop.Data;
using Interop.Torch;
using Interop.Torch.Distributed;

namespace Interop.Cli;

/// <summary>
/// `interop train fashion-mnist`: SimpleCNN on Fashion-MNIST through Fit, Keras' way: a summary, a
/// validation split, a progress bar per epoch. Started by `interop launch`, each process trains as
/// one data-parallel rank on its share of the images and reports its own test accuracy.
/// </summary>
internal static class TrainCommand
{
    private const int BatchSize = 64;

    public static Command Create()
    {
        var epochs = new Option<int>("--epochs") { Description = "Passes over the 60,000 training images.", DefaultValueFactory = _ => 2 };
        var threads = new Option<int>("--threads")
        {
            Description = "libtorch intra-op threads; by default the machine's cores shared among the ranks launched on it.",
            DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / LocalRanks()),
        };
        var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 1e-3 };
        var fashion = new Command("fashion-mnist", "Train SimpleCNN (1x28x28) on Fashion-MNIST and report test accuracy.") { epochs, threads, learningRate };
        fashion.SetAction(parse => RunReportingPeers(parse.GetValue(epochs), parse.GetValue(threads), parse.GetValue(learningRate)));
        return new Command("train", "Train a zoo model on real data.") { fashion };
    }

    // LOCAL_WORLD_SIZE, which `interop launch` and torchrun set: the ranks sharing this machine.
    private static int LocalRanks() =>
        int.TryParse(Environment.GetEnvironmentVariable("LOCAL_WORLD_SIZE"), out int ranks) && ranks > 0 ? ranks : 1;

    // A rank whose peer failed ends with c10d's message and a non-zero status for the launcher.
    private static int RunReportingPeers(int epochs, int threads, double learningRate)
    {
        try
        {
            return Run(epochs, threads, learningRate);
        }
        catch (DistributedException e)
        {
            Console.Error.WriteLine($"data-parallel training failed: {e.Message}");
            return 3;
        }
    }

    private static int Run(int epochs, int threads, double learningRate)
    {
        LibTorch.Threads = threads;
        LibTorch.ManualSeed(0);
        using ProcessGroup? group = DistributedOptions.IsLaunched ? ProcessGroup.Initialize(DistributedOptions.FromEnvironment()) : null;
        ImageDataset all = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Train);
        ImageDataset test = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Test);
        // Keras' validation_split: the last tenth of the training files, never trained on.
        int validationCount = all.Count / 10;
        ImageDataset train = all.Subset(0, all.Count - validationCount);
        ImageDataset validation = all.Subset(all.Count - validationCount, validationCount);
        string ranks = group is null ? "" : $"rank {group.Rank} of {group.WorldSize} (data-parallel, Gloo), ";
        Console.WriteLine($"Fashion-MNIST: {train.Count} train, {validation.Count} validation, {test.Count} test; batch {BatchSize}, " +
                          $"Adam lr {learningRate}, {ranks}{threads} thread(s), libtorch {LibTorch.Version}");

        using NativeModule model = Zoo.SimpleCNN(inChannels: 1, height: 28, width: 28);
        if (group is null || group.Rank == 0) Console.WriteLine(model.Summary([BatchSize, 1, 28, 28]));
        Tensor[] parameters = model.Parameters();
        try
        {
            using var optimizer = Optimizer.Adam(parameters, learningRate);
            using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [BatchSize, 1, 28, 28], [BatchSize],
                dataParallel: group is null ? null : new DataParallelOptions(group));
            KerasProgress.Show(display => trainer.Fit(TensorDataset.FromImages(train), epochs,
                validationData: TensorDataset.FromImages(validation), metrics: [Metric.Accuracy()], callbacks: [display],
                progress: display));
            IReadOnlyDictionary<string, double> tested = trainer.Evaluate(TensorDataset.FromImages(test), batchSize: 100,
                metrics: [Metric.Accuracy()]);
            string rank = group is null ? "" : $"rank {group.Rank}: ";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rank}test loss: {tested["loss"]:F4}, test accuracy: {tested["accuracy"]:F4}"));
        }
        finally
        {
            foreach (Tensor parameter in parameters) parameter.Dispose();
        }
        return 0;
    }
}
