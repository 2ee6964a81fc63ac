namespace Interop.Torch.Tests;

public class TrainerTests
{
    private const int Batch = 32;

    private static NativeModule SimpleNN() =>
        Layers.Sequential(Layers.Linear(32, 64), Layers.ReLU(), Layers.Linear(64, 10));

    // A learnable task: the label is the index of the largest of the first ten features.
    private static (float[] X, long[] Y) Task(int seed)
    {
        var random = new Random(seed);
        var x = new float[Batch * 32];
        var y = new long[Batch];
        for (int i = 0; i < Batch; i++)
        {
            for (int j = 0; j < 32; j++) x[i * 32 + j] = (float)random.NextDouble();
            y[i] = Array.IndexOf(x, x.Skip(i * 32).Take(10).Max(), i * 32, 10) - i * 32;
        }
        return (x, y);
    }

    private static Tensor[] ParametersOf(NativeModule model) => model.Parameters();

    [Fact]
    public void StepsAllocateNothingAndKeepHandlesConstant()
    {
        LibTorch.ManualSeed(3);
        using var model = SimpleNN();
        Tensor[] parameters = ParametersOf(model);
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1, momentum: 0.9);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 32], [Batch]);
        var (x, y) = Task(1);

        float first = trainer.Step(x, y);
        for (int i = 0; i < 20; i++) trainer.Step(x, y);
        long live = LibTorch.LiveHandles;
        long before = GC.GetAllocatedBytesForCurrentThread();
        float last = 0;
        for (int i = 0; i < 250; i++) last = trainer.Step(x, y);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(live, LibTorch.LiveHandles);
        Assert.Equal(271, trainer.Steps);
        Assert.True(last < first / 4, $"loss went from {first} to {last}");
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void AccumulationUpdatesOnlyEveryNthStep()
    {
        using var model = Layers.Linear(32, 10);
        Tensor[] parameters = ParametersOf(model);
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.5);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 32], [Batch], accumulationSteps: 2);
        var (x, y) = Task(2);
        float[] start = parameters[0].ToArray<float>();
        trainer.Step(x, y);
        Assert.Equal(start, parameters[0].ToArray<float>());
        trainer.Step(x, y);
        Assert.NotEqual(start, parameters[0].ToArray<float>());
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void NaNLossIsReportedWithItsStep()
    {
        using var model = SimpleNN();
        Tensor[] parameters = ParametersOf(model);
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 32], [Batch]);
        var (x, y) = Task(3);
        trainer.Step(x, y);
        x[5] = float.NaN;
        var error = Assert.Throws<NonFiniteLossException>(() => trainer.Step(x, y));
        Assert.Equal(2, error.Step);
        Assert.Contains("step 2", error.Message);
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void BadBatchesGiveClearExceptions()
    {
        using var model = SimpleNN();
        Tensor[] parameters = ParametersOf(model);
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 32], [Batch]);
        var (x, y) = Task(4);
        y[0] = 12;
        var outOfRange = Assert.Throws<TorchIndexException>(() => trainer.Step(x, y));
        Assert.Contains("out of bounds", outOfRange.Message);
        var tooShort = Assert.Throws<ArgumentException>(() => trainer.Step(x.AsSpan(1), y));
        Assert.Contains("1023", tooShort.Message);
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void MseTrainingFitsALinearMap()
    {
        LibTorch.ManualSeed(4);
        using var model = Layers.Linear(2, 1);
        Tensor[] parameters = ParametersOf(model);
        using var optimizer = Optimizer.Adam(parameters, learningRate: 0.05);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.MeanSquaredError, [4, 2], [4, 1]);
        float[] x = [0, 0, 1, 0, 0, 1, 1, 1];
        float[] y = [1, 3, 0, 2]; // 1 + 2a - b
        float loss = 0;
        for (int i = 0; i < 600; i++) loss = trainer.Step(x, y);
        Assert.True(loss < 1e-3, $"loss {loss}");
        foreach (var p in parameters) p.Dispose();
    }
}
