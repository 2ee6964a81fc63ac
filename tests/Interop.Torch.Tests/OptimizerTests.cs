namespace Interop.Torch.Tests;

public class OptimizerTests
{
    [Fact]
    public void SgdStepMovesAgainstTheGradient()
    {
        using var w = Tensor.FromData<float>([1, -2]);
        w.RequiresGrad = true;
        using var optimizer = Optimizer.Sgd([w], learningRate: 0.1);
        using (var squares = w * w)
        using (var loss = Torch.Sum(squares))
        {
            loss.Backward();
        }
        optimizer.Step();
        // w - 0.1 * 2w = 0.8 w
        Assert.Equal([0.8f, -1.6f], w.ToArray<float>());
        optimizer.ZeroGrad();
        using var grad = w.Grad();
        Assert.False(grad.IsDefined);
    }

    [Fact]
    public void LearningRateRoundTrips()
    {
        using var w = Tensor.Zeros(3);
        w.RequiresGrad = true;
        using var optimizer = Optimizer.AdamW([w], learningRate: 0.01);
        Assert.Equal(0.01, optimizer.LearningRate);
        optimizer.LearningRate = 0.5;
        Assert.Equal(0.5, optimizer.LearningRate);
        Assert.Throws<TorchArgumentException>(() => optimizer.LearningRate = -1);
    }

    [Fact]
    public void TrainingSimpleNNLowersTheLossWithoutManagedAllocation()
    {
        LibTorch.ManualSeed(1);
        using var model = Layers.Sequential(Layers.Linear(32, 64), Layers.ReLU(), Layers.Linear(64, 10));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Adam(parameters, learningRate: 0.01);
        using var x = Tensor.Randn(64, 32);
        using var labels = Tensor.RandInt(0, 10, [64]);
        using var logits = new Tensor();
        using var loss = new Tensor();

        float Step()
        {
            optimizer.ZeroGrad();
            model.Forward(x, logits);
            Torch.CrossEntropyLoss(logits, labels, result: loss);
            loss.Backward();
            optimizer.Step();
            return loss.Item<float>();
        }

        float first = Step();
        for (int i = 0; i < 20; i++) Step();
        long live = LibTorch.LiveHandles;
        long before = GC.GetAllocatedBytesForCurrentThread();
        float last = 0;
        for (int i = 0; i < 200; i++) last = Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(live, LibTorch.LiveHandles);
        Assert.True(last < first / 4, $"loss went from {first} to {last}");
        foreach (var p in parameters) p.Dispose();
    }
}
