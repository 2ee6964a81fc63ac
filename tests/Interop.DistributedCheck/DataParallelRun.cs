using Interop;
using Interop.Torch;
using Interop.Torch.Distributed;

namespace Interop.DistributedCheck;

/// <summary>
/// SimpleNN (32-64-10) trained with SGD and momentum on a fixed stream of global batches: each
/// rank steps on its slice of every global batch; the reference steps on whole global batches
/// in one process. Each writes its final weights to OUT_DIR as float32s.
/// </summary>
internal static class DataParallelRun
{
    private const int RankBatch = 8;

    public static int Train(ProcessGroup group, string outDir, int steps, Fault? fault)
    {
        using (group)
        {
            int rank = group.Rank, world = group.WorldSize;
            // A seed of its own per rank: the weights agree only if rank 0's reach the others.
            LibTorch.ManualSeed(rank + 1);
            using NativeModule model = Zoo.SimpleNN();
            Tensor[] parameters = model.Parameters();
            using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1, momentum: 0.9);
            using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [RankBatch, 32], [RankBatch],
                dataParallel: new DataParallelOptions(group) { BucketMegabytes = 1 });
            Run(trainer, steps, world, rank, fault);
            Write(Path.Combine(outDir, $"rank{rank}.bin"), parameters);
            Console.WriteLine($"rank {rank}: trained {steps} steps of {world} ranks");
            foreach (Tensor parameter in parameters) parameter.Dispose();
        }
        return 0;
    }

    public static int Reference(string outDir, int steps, int world)
    {
        LibTorch.ManualSeed(1);
        using NativeModule model = Zoo.SimpleNN();
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1, momentum: 0.9);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [RankBatch * world, 32], [RankBatch * world]);
        Run(trainer, steps, world, rank: -1, fault: null);
        Write(Path.Combine(outDir, "reference.bin"), parameters);
        foreach (Tensor parameter in parameters) parameter.Dispose();
        return 0;
    }

    // rank -1 takes the whole global batch.
    private static void Run(TorchTrainer trainer, int steps, int world, int rank, Fault? fault)
    {
        var random = new Random(42);
        float[] inputs = new float[RankBatch * world * 32];
        long[] labels = new long[RankBatch * world];
        for (int step = 0; step < steps; step++)
        {
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)(random.NextDouble() * 2 - 1);
            for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(10);
            fault?.StrikeIfDue(rank, step);
            if (rank < 0) trainer.Step(inputs, labels);
            else trainer.Step(inputs.AsSpan(rank * RankBatch * 32, RankBatch * 32), labels.AsSpan(rank * RankBatch, RankBatch));
        }
    }

    private static void Write(string path, Tensor[] parameters)
    {
        using var file = File.Create(path);
        foreach (Tensor parameter in parameters)
        {
            float[] values = parameter.ToArray<float>();
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }
}
