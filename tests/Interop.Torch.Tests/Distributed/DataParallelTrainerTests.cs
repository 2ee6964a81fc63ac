using Interop.Torch.Distributed;

namespace Interop.Torch.Tests.Distributed;

public class DataParallelTrainerTests
{
    private const int RankBatch = 4;

    // Global batch `step` of the stream every run draws from: rank r trains on rows
    // r * RankBatch .. (r + 1) * RankBatch - 1; a single process on all of them.
    private static (float[] Inputs, long[] Labels) GlobalBatch(int step, int worldSize)
    {
        var random = new Random(100 + step);
        float[] inputs = [.. Enumerable.Range(0, RankBatch * worldSize * 32).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        long[] labels = [.. Enumerable.Range(0, RankBatch * worldSize).Select(_ => (long)random.Next(10))];
        return (inputs, labels);
    }

    private static float[] Weights(NativeModule model)
    {
        Tensor[] parameters = model.Parameters();
        float[] weights = [.. parameters.SelectMany(p => p.ToArray<float>())];
        foreach (Tensor parameter in parameters) parameter.Dispose();
        return weights;
    }

    // libtorch's generator is one per process, which the rank threads share: the seed and the
    // draws of the initial weights go together, or another rank's seed lands in between.
    private static readonly object SeedGate = new();

    private static NativeModule SeededModel(int seed)
    {
        lock (SeedGate)
        {
            LibTorch.ManualSeed(seed);
            return Zoo.SimpleNN();
        }
    }

    private static float[] TrainRank(ProcessGroup group, int steps, bool overlap)
    {
        // Seeded by rank: the weights can only agree if rank 0's reach every rank.
        using NativeModule model = SeededModel(group.Rank + 1);
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.05, momentum: 0.9);
        foreach (Tensor parameter in parameters) parameter.Dispose();
        var options = new DataParallelOptions(group) { BucketMegabytes = 1, OverlapWithBackward = overlap };
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [RankBatch, 32], [RankBatch], dataParallel: options);
        for (int step = 0; step < steps; step++)
        {
            var (inputs, labels) = GlobalBatch(step, group.WorldSize);
            trainer.Step(inputs.AsSpan(group.Rank * RankBatch * 32, RankBatch * 32), labels.AsSpan(group.Rank * RankBatch, RankBatch));
        }
        return Weights(model);
    }

    private static float[] TrainAlone(int steps, int worldSize)
    {
        using NativeModule model = SeededModel(1);
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.05, momentum: 0.9);
        foreach (Tensor parameter in parameters) parameter.Dispose();
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [RankBatch * worldSize, 32], [RankBatch * worldSize]);
        for (int step = 0; step < steps; step++)
        {
            var (inputs, labels) = GlobalBatch(step, worldSize);
            trainer.Step(inputs, labels);
        }
        return Weights(model);
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(2, false)]
    public void WeightsAreBitwiseEqualOnEveryRankAndMatchOneProcessOnTheWholeBatch(int worldSize, bool overlap)
    {
        const int steps = 12;
        var weights = new float[worldSize][];
        ThreadRanks.Run(worldSize, group => weights[group.Rank] = TrainRank(group, steps, overlap));
        for (int rank = 1; rank < worldSize; rank++) Assert.Equal(weights[0], weights[rank]);
        float[] alone = TrainAlone(steps, worldSize);
        // Training moved the weights away from rank 0's initial ones: the comparison means something.
        Assert.NotEqual(TrainAlone(0, worldSize), alone);
        for (int i = 0; i < alone.Length; i++) Assert.True(Math.Abs(alone[i] - weights[0][i]) <= 1e-5, $"weight {i}: {weights[0][i]} vs {alone[i]}");
    }

    [Fact]
    public void AStepAllocatesNothingManagedAndNoHandlesAfterWarmUp()
    {
        var allocated = new long[2];
        var handles = new long[2];
        using var phase = new Barrier(2);
        ThreadRanks.Run(2, group =>
        {
            using NativeModule model = Zoo.SimpleNN();
            Tensor[] parameters = model.Parameters();
            using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.01);
            foreach (Tensor parameter in parameters) parameter.Dispose();
            using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [RankBatch, 32], [RankBatch],
                dataParallel: new DataParallelOptions(group));
            float[] inputs = new float[RankBatch * 32];
            long[] labels = new long[RankBatch];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (i % 7 - 3) * 0.1f;
            for (int step = 0; step < 50; step++) trainer.Step(inputs, labels);
            phase.SignalAndWait();
            long live = LibTorch.LiveHandles;
            phase.SignalAndWait();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int step = 0; step < 200; step++) trainer.Step(inputs, labels);
            allocated[group.Rank] = GC.GetAllocatedBytesForCurrentThread() - before;
            phase.SignalAndWait();
            handles[group.Rank] = LibTorch.LiveHandles - live;
            phase.SignalAndWait();
        });
        Assert.Equal([0L, 0L], allocated);
        Assert.Equal([0L, 0L], handles);
    }

    [Fact]
    public void OnlyRankZeroWritesTheCheckpointAndFitTrainsEachRankOnItsShare()
    {
        string folder = Directory.CreateTempSubdirectory("itorch-ddp-checkpoint-").FullName;
        var batches = new int[2];
        var inputs = new float[10 * 32];
        var labels = new long[10];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (i % 11 - 5) * 0.1f;
        for (int i = 0; i < labels.Length; i++) labels[i] = i % 10;
        var data = new TensorDataset<float, long>(inputs, [10, 32], labels, [10]);
        ThreadRanks.Run(2, group =>
        {
            using NativeModule model = Zoo.SimpleNN();
            Tensor[] parameters = model.Parameters();
            using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.01);
            foreach (Tensor parameter in parameters) parameter.Dispose();
            using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [2, 32], [2],
                dataParallel: new DataParallelOptions(group));
            var checkpoint = new ModelCheckpoint(Path.Combine(folder, $"rank{group.Rank}.pt"), monitor: "loss");
            var progress = new SynchronousProgress<TrainingProgress>(p => batches[group.Rank] = p.Batch);
            trainer.Fit(data, epochs: 1, callbacks: [checkpoint], progress: progress);
        });
        Assert.True(File.Exists(Path.Combine(folder, "rank0.pt")));
        Assert.False(File.Exists(Path.Combine(folder, "rank1.pt")));
        // 10 samples shared by 2 ranks: 5 each, in batches of 2.
        Assert.Equal([3, 3], batches);
        Directory.Delete(folder, recursive: true);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
