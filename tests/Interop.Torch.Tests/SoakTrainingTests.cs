using System.Diagnostics;
using Xunit.Abstractions;

namespace Interop.Torch.Tests;

[Trait("Category", "Soak")]
public class SoakTrainingTests(ITestOutputHelper output)
{
    private const int Batch = 64;

    [Fact]
    public void SimpleNNTrainingSteps_KeepHandlesAndHeapsFlat()
    {
        int steps = SoakScale.Of(10_000);
        LibTorch.ManualSeed(11);
        using var model = Zoo.SimpleNN();
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Adam(parameters, learningRate: 1e-3);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 32], [Batch]);
        var random = new Random(11);
        float[] x = Enumerable.Range(0, Batch * 32).Select(_ => (float)random.NextDouble()).ToArray();
        long[] y = Enumerable.Range(0, Batch).Select(i => (long)(i % 10)).ToArray();

        // Warm-up: Adam's state tensors and the autograd graph's buffers are made on the first steps.
        for (int i = 0; i < 200; i++) trainer.Step(x, y);
        long handles = SoakMemory.SettledLiveHandles();

        var clock = Stopwatch.StartNew();
        float loss = 0;
        var (runs, grown) = SoakMemory.GrowthOverRuns(() =>
        {
            for (int i = 0; i < steps / 2; i++) loss = trainer.Step(x, y);
        });
        clock.Stop();

        output.WriteLine($"{runs.Count} x {steps / 2} SimpleNN steps (batch {Batch}, Adam) in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"grown: {string.Join("; then ", runs)}; live handles {handles} -> {LibTorch.LiveHandles}; loss {loss}");
        Assert.Equal(handles, LibTorch.LiveHandles);
        Assert.True(grown.NativeHeap < SoakMemory.AllowedGrowth, $"malloc'd memory grew by {grown.NativeHeap / 1024} KiB or more in each of {runs.Count} runs of {steps / 2} steps");
        Assert.True(grown.ManagedHeap < SoakMemory.AllowedGrowth, $"the managed heap grew by {grown.ManagedHeap / 1024} KiB or more in each of {runs.Count} runs of {steps / 2} steps");
        Assert.True(float.IsFinite(loss));
        foreach (var p in parameters) p.Dispose();
    }
}
