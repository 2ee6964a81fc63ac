namespace Interop.Torch.Tests;

// A trainer and a predictor over one model: each runs it in its own mode, whatever the other did last.
public class LoopModeTests
{
    private const int Batch = 8;

    // Records the mode of every forward it runs.
    private sealed class ModeRecorder : Module
    {
        private readonly NativeModule linear;

        public ModeRecorder() => linear = Register("linear", Layers.Linear(4, 3));

        public List<bool> Modes { get; } = [];

        public override Tensor Forward(Tensor input, Tensor? result = null)
        {
            Modes.Add(IsTraining);
            return linear.Forward(input, result);
        }
    }

    private static float[] Inputs(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, Batch * 4).Select(_ => (float)random.NextDouble()).ToArray();
    }

    private static readonly long[] Labels = Enumerable.Range(0, Batch).Select(i => (long)(i % 3)).ToArray();

    [Fact]
    public void Fit_Evaluate_Fit_TrainsTheSecondTimeInTrainingMode()
    {
        using var model = new ModeRecorder();
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 4], [Batch]);
        float[] x = Inputs(1);
        var logits = new float[Batch * 3];

        trainer.Step(x, Labels);
        using var predictor = new TorchPredictor(model, [Batch, 4]);
        predictor.Predict(x, logits);
        trainer.Step(x, Labels);
        predictor.Predict(x, logits);

        // Step, the predictor's warm-up forward, Predict, Step, Predict.
        Assert.Equal([true, false, false, true, false], model.Modes);
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void ANativeModelWithDropout_IsStochasticInTraining_AndDeterministicInPrediction_AfterEachOther()
    {
        LibTorch.ManualSeed(4);
        using var model = Layers.Sequential(Layers.Linear(4, 64), Layers.Dropout(0.5), Layers.Linear(64, 3));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 4], [Batch]);
        using var predictor = new TorchPredictor(model, [Batch, 4]);
        float[] x = Inputs(2);
        var first = new float[Batch * 3];
        var second = new float[Batch * 3];

        predictor.Predict(x, first);
        // With a learning rate of 0 the weights stay: only dropout can change the losses.
        float lossA = trainer.Step(x, Labels);
        float lossB = trainer.Step(x, Labels);
        Assert.True(model.IsTraining);
        predictor.Predict(x, second);

        Assert.NotEqual(lossA, lossB);
        Assert.False(model.IsTraining);
        Assert.Equal(first, second);
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void AlternatingStepsAndPredictions_AllocateNothing()
    {
        using var model = Layers.Sequential(Layers.Linear(4, 16), Layers.Dropout(0.2), Layers.Linear(16, 3));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.01);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [Batch, 4], [Batch]);
        using var predictor = new TorchPredictor(model, [Batch, 4]);
        float[] x = Inputs(3);
        var logits = new float[Batch * 3];
        for (int i = 0; i < 10; i++)
        {
            trainer.Step(x, Labels);
            predictor.Predict(x, logits);
        }
        long live = LibTorch.LiveHandles;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            trainer.Step(x, Labels);
            predictor.Predict(x, logits);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(live, LibTorch.LiveHandles);
        foreach (Tensor p in parameters) p.Dispose();
    }
}
