namespace Interop.Torch.Tests;

// The loops take a forward that writes into result and a PyTorch-style one that returns a new tensor.
public class ForwardStyleTests
{
    private const int Batch = 16;

    // Ignores result, as a forward ported from PyTorch would.
    private sealed class PyTorchStyle : Module
    {
        private readonly NativeModule hidden;
        private readonly NativeModule head;

        public PyTorchStyle()
        {
            hidden = Register("hidden", Layers.Linear(8, 16));
            head = Register("head", Layers.Linear(16, 3));
        }

        public override Tensor Forward(Tensor input, Tensor? result = null)
        {
            using Tensor h = hidden.Forward(input);
            using Tensor a = Torch.Relu(h);
            return head.Forward(a);
        }
    }

    // Returns result without writing to it.
    private sealed class ForgetsTheResult : Module
    {
        public ForgetsTheResult() => RegisterParameter("w", Tensor.Ones(3));

        public override Tensor Forward(Tensor input, Tensor? result = null) => result ?? new Tensor();
    }

    // Passes its input through: the loop must not free its own input tensor.
    private sealed class PassThrough : Module
    {
        public PassThrough() => RegisterParameter("w", Tensor.Ones(1));

        public override Tensor Forward(Tensor input, Tensor? result = null) => input;
    }

    private static (float[] X, long[] Y) Task()
    {
        var random = new Random(9);
        float[] x = Enumerable.Range(0, Batch * 8).Select(_ => (float)random.NextDouble()).ToArray();
        long[] y = Enumerable.Range(0, Batch).Select(i => (long)(i % 3)).ToArray();
        return (x, y);
    }

    [Fact]
    public void APyTorchStyleForward_Trains_AndPredicts_WithoutLeakingItsResults()
    {
        LibTorch.ManualSeed(6);
        using var model = new PyTorchStyle();
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Adam(parameters, learningRate: 0.02);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 8], [Batch]);
        var (x, y) = Task();
        float first = trainer.Step(x, y);
        long live = LibTorch.LiveHandles;
        float last = first;
        for (int i = 0; i < 100; i++) last = trainer.Step(x, y);
        Assert.True(last < first / 2, $"loss {first} -> {last}");
        // The returned tensors are the loop's to free, and it frees them at once.
        Assert.Equal(live, LibTorch.LiveHandles);

        using var predictor = new TorchPredictor(model, [Batch, 8]);
        var predicted = new float[Batch * 3];
        predictor.Predict(x, predicted);
        model.SetTraining(false);
        using var input = Tensor.FromData<float>(x, Batch, 8);
        using var direct = model.Forward(input);
        Assert.Equal(direct.ToArray<float>(), predicted);
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void AForwardThatReturnsResultEmpty_IsRejectedSayingWhatToDo()
    {
        using var model = new ForgetsTheResult();
        BadInputAssert.Rejects<InvalidOperationException>(() => new TorchPredictor(model, [2, 3]),
            "ForgetsTheResult.Forward returned its result tensor empty", "pass result", "return a new tensor");
    }

    [Fact]
    public void AForwardThatReturnsItsInput_KeepsTheLoopsInputAlive()
    {
        using var model = new PassThrough();
        using var predictor = new TorchPredictor(model, [2, 2]);
        var output = new float[4];
        predictor.Predict([1f, 2f, 3f, 4f], output);
        predictor.Predict([5f, 6f, 7f, 8f], output);
        Assert.Equal(new float[] { 5f, 6f, 7f, 8f }, output);
    }
}
