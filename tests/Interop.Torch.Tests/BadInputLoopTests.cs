namespace Interop.Torch.Tests;

/// <summary>TorchTrainer and TorchPredictor given spans or shapes that do not fit, and losses that diverge.</summary>
public class BadInputLoopTests
{
    private const int Batch = 4;

    [Fact]
    public void Trainer_BatchOrLabelsOfTheWrongLength_NameTheSpan()
    {
        using var model = Zoo.SimpleNN();
        using var setup = new Training(model, TrainingLoss.CrossEntropy, [Batch]);
        setup.WarmUp();
        var error = BadInputAssert.Rejects<ArgumentException>(() => setup.Trainer.Step(new float[10], new long[Batch]), "holds 10 values", "needs 128");
        Assert.Equal("batch", error.ParamName);
        error = BadInputAssert.Rejects<ArgumentException>(() => setup.Trainer.Step(new float[Batch * 32], new long[3]), "holds 3 values");
        Assert.Equal("labels", error.ParamName);
        Assert.Equal(1, setup.Trainer.Steps);
    }

    [Fact]
    public void Trainer_LabelOutOfRange()
    {
        using var model = Zoo.SimpleNN();
        using var setup = new Training(model, TrainingLoss.CrossEntropy, [Batch]);
        setup.WarmUp();
        BadInputAssert.Rejects<TorchIndexException>(() => setup.Trainer.Step(new float[Batch * 32], [0, 1, 2, 12]), "Target 12 is out of bounds");
    }

    [Fact]
    public void Trainer_InfiniteLoss_IsReportedWithItsStep()
    {
        using var model = Zoo.SimpleNN();
        using var setup = new Training(model, TrainingLoss.MeanSquaredError, [Batch, 10]);
        var targets = new float[Batch * 10];
        setup.Trainer.Step(new float[Batch * 32], targets);
        targets[3] = float.PositiveInfinity;
        var error = BadInputAssert.Rejects<NonFiniteLossException>(() => setup.Trainer.Step(new float[Batch * 32], targets), "step 2");
        Assert.Equal(2, error.Step);
        Assert.True(float.IsPositiveInfinity(error.Loss));
    }

    [Fact]
    public void Predictor_SpansOfTheWrongLength_NameTheShape()
    {
        using var model = Zoo.SimpleNN();
        using var predictor = new TorchPredictor(model, [Batch, 32]);
        var error = BadInputAssert.Rejects<ArgumentException>(() => predictor.Predict(new float[3], new float[40]), "[4, 32]", "got 3 values");
        Assert.Equal("inputs", error.ParamName);
        error = BadInputAssert.Rejects<ArgumentException>(() => predictor.Predict(new float[128], new float[41]), "[4, 10]", "holds 41");
        Assert.Equal("outputs", error.ParamName);
    }

    [Fact]
    public void Predictor_InputShapeTheModelRejects_LeavesNoBuffers()
    {
        using var model = Zoo.SimpleNN();
        BadInputAssert.Rejects<TorchException>(() => new TorchPredictor(model, [Batch, 31]), "4x31 and 32x64");
    }

    /// <summary>A SimpleNN trainer over batches of 4 x 32 and the parameters it owns.</summary>
    private sealed class Training : IDisposable
    {
        private readonly Tensor[] parameters;
        private readonly Optimizer optimizer;

        public Training(NativeModule model, TrainingLoss loss, long[] targetShape)
        {
            parameters = model.Parameters();
            optimizer = Optimizer.Sgd(parameters, learningRate: 0.01);
            Trainer = new TorchTrainer(model, optimizer, loss, [Batch, 32], targetShape);
        }

        public TorchTrainer Trainer { get; }

        /// <summary>One good cross-entropy step: the trainer's pools make their pinned buffers on first use.</summary>
        public void WarmUp() => Trainer.Step(new float[Batch * 32], new long[Batch]);

        public void Dispose()
        {
            Trainer.Dispose();
            optimizer.Dispose();
            foreach (var p in parameters) p.Dispose();
        }
    }
}
