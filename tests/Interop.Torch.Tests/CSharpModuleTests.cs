namespace Interop.Torch.Tests;

public class CSharpModuleTests
{
    // A PyTorch-style class: a native layer, then a C# scale-and-shift with its own parameters.
    private sealed class ScaledNet : Module
    {
        private readonly NativeModule hidden;
        private readonly NativeModule head;
        private readonly Tensor scale;
        private readonly Tensor hiddenOut = new();
        private readonly Tensor activated = new();

        public ScaledNet()
        {
            hidden = Register("hidden", Layers.Linear(32, 64));
            head = Register("head", Layers.Linear(64, 10));
            scale = RegisterParameter("scale", Tensor.Ones(10));
        }

        public override Tensor Forward(Tensor input, Tensor? result = null)
        {
            hidden.Forward(input, hiddenOut);
            Torch.Relu(hiddenOut, result: activated);
            Tensor logits = head.Forward(activated, result);
            return Torch.Mul(logits, scale, result: logits);
        }
    }

    [Fact]
    public void NamedParametersCoverOwnAndChildParameters()
    {
        using var net = new ScaledNet();
        var named = net.NamedParameters();
        try
        {
            Assert.Equal(["scale", "hidden.weight", "hidden.bias", "head.weight", "head.bias"], named.Select(p => p.Name));
            Assert.Equal(32 * 64 + 64 + 64 * 10 + 10 + 10, net.ParameterCount);
        }
        finally
        {
            foreach (var (_, p) in named) p.Dispose();
        }
    }

    [Fact]
    public void TrainsThroughTheTrainerAndItsOwnParametersLearn()
    {
        LibTorch.ManualSeed(12);
        using var net = new ScaledNet();
        Tensor[] parameters = net.Parameters();
        using var optimizer = Optimizer.Adam(parameters, learningRate: 0.01);
        using var trainer = new TorchTrainer(net, optimizer, TrainingLoss.CrossEntropy, [16, 32], [16]);
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 16 * 32).Select(_ => (float)random.NextDouble()).ToArray();
        long[] y = Enumerable.Range(0, 16).Select(i => (long)(i % 10)).ToArray();
        float first = trainer.Step(x, y);
        for (int i = 0; i < 20; i++) trainer.Step(x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        float last = 0;
        for (int i = 0; i < 200; i++) last = trainer.Step(x, y);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(last < first / 4, $"loss {first} -> {last}");
        Assert.NotEqual(Enumerable.Repeat(1f, 10), parameters[0].ToArray<float>());
        net.SetTraining(false);
        Assert.False(net.IsTraining);
        foreach (var p in parameters) p.Dispose();
    }
}
