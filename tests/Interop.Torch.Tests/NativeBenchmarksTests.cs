using Interop.Bench;

namespace Interop.Torch.Tests;

/// <summary>
/// The C++ loops behind `interop bench` must be the same loops as the C# ones, or the C#/C++
/// ratio measures a different program: run from the same weights on the same data, both end
/// with the same weights (training) and the same output (inference).
/// </summary>
public class NativeBenchmarksTests
{
    private const int Batch = 16;

    private static (float[] Inputs, float[] Targets) RandomBatch(int seed)
    {
        var random = new Random(seed);
        float[] inputs = new float[Batch * 32];
        float[] targets = new float[Batch * 10];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = (float)random.NextDouble() * 2 - 1;
        for (int i = 0; i < targets.Length; i++) targets[i] = random.Next(2);
        return (inputs, targets);
    }

    private static NativeModule SeededSimpleNN()
    {
        LibTorch.ManualSeed(11);
        return Zoo.SimpleNN();
    }

    [Fact]
    public void TrainLoopTakesTheSameStepsAsTheCSharpTrainer()
    {
        var (inputs, targets) = RandomBatch(1);
        using var csharpModel = SeededSimpleNN();
        using var cppModel = SeededSimpleNN();
        Tensor[] csharpParameters = csharpModel.Parameters();
        Tensor[] cppParameters = cppModel.Parameters();
        using var csharpOptimizer = Optimizer.Sgd(csharpParameters, learningRate: 0.05, momentum: 0.9);
        using var cppOptimizer = Optimizer.Sgd(cppParameters, learningRate: 0.05, momentum: 0.9);
        using var trainer = new TorchTrainer(csharpModel, csharpOptimizer, TrainingLoss.BinaryCrossEntropyWithLogits, [Batch, 32], [Batch, 10]);
        using var batch = Tensor.FromArray(inputs, Batch, 32);
        using var targetTensor = Tensor.FromArray(targets, Batch, 10);
        cppModel.Train();

        float first = trainer.Step(inputs, targets);
        for (int i = 1; i < 20; i++) trainer.Step(inputs, targets);
        NativeBenchmarks.TrainLoop(cppModel, cppOptimizer, TrainingLoss.BinaryCrossEntropyWithLogits, batch, targetTensor, 20);

        for (int i = 0; i < csharpParameters.Length; i++)
        {
            Assert.Equal(csharpParameters[i].ToArray<float>(), cppParameters[i].ToArray<float>());
        }
        using var output = csharpModel.Forward(batch);
        using var loss = Torch.BinaryCrossEntropyWithLogits(output, targetTensor);
        Assert.True(loss.Item<float>() < first, $"20 steps left the loss at {loss.Item<float>()} from {first}");
        foreach (var p in csharpParameters.Concat(cppParameters)) p.Dispose();
    }

    [Fact]
    public void InferLoopWritesWhatThePredictorReturns()
    {
        var (inputs, _) = RandomBatch(2);
        using var model = SeededSimpleNN();
        using var predictor = new TorchPredictor(model, [Batch, 32]);
        float[] expected = new float[predictor.OutputLength];
        predictor.Predict(inputs, expected);
        using var batch = Tensor.FromArray(inputs, Batch, 32);
        using var output = Tensor.Empty(Batch, 10);

        TimeSpan elapsed = NativeBenchmarks.InferLoop(model, batch, output, 3);

        Assert.Equal(expected, output.ToArray<float>());
        Assert.True(elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void TrainLoopReportsANonFiniteLoss()
    {
        var (inputs, targets) = RandomBatch(3);
        inputs[5] = float.NaN;
        using var model = SeededSimpleNN();
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.05);
        using var batch = Tensor.FromArray(inputs, Batch, 32);
        using var targetTensor = Tensor.FromArray(targets, Batch, 10);

        BadInputAssert.Rejects<TorchException>(
            () => NativeBenchmarks.TrainLoop(model, optimizer, TrainingLoss.BinaryCrossEntropyWithLogits, batch, targetTensor, 2),
            "the loss became");
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void LoopsRejectBadArguments()
    {
        using var model = SeededSimpleNN();
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, learningRate: 0.05);
        using var batch = Tensor.Zeros(Batch, 32);
        using var classes = Tensor.Zeros([Batch], DType.Int64);
        using var wrongWidth = Tensor.Zeros(Batch, 7);
        using var unallocated = new Tensor();
        using var output = Tensor.Empty(Batch, 10);

        BadInputAssert.Rejects<TorchArgumentException>(
            () => NativeBenchmarks.TrainLoop(model, optimizer, TrainingLoss.CrossEntropy, batch, classes, -1), "must not be negative");
        BadInputAssert.Rejects<TorchException>(
            () => NativeBenchmarks.TrainLoop(model, optimizer, TrainingLoss.BinaryCrossEntropyWithLogits, batch, wrongWidth, 1), "size");
        BadInputAssert.Rejects<ArgumentOutOfRangeException>(
            () => NativeBenchmarks.TrainLoop(model, optimizer, (TrainingLoss)9, batch, classes, 1), "loss");
        BadInputAssert.Rejects<TorchArgumentException>(
            () => NativeBenchmarks.InferLoop(model, batch, unallocated, 1), "preallocated");
        BadInputAssert.Rejects<TorchException>(
            () => NativeBenchmarks.InferLoop(model, wrongWidth, output, 1), "mat1");
        // add_out would resize a result of another shape, even one over caller memory that cannot grow.
        long[] scalar = [0];
        using var overScalar = Tensor.FromArray(scalar, 1);
        using var four = Tensor.Ones([4], DType.Int64);
        BadInputAssert.Rejects<TorchArgumentException>(
            () => NativeBenchmarks.AddLoop(four, four, overScalar, 1), "the sum's shape, dtype and device");
        Assert.Equal([1L], overScalar.Shape);
        foreach (var p in parameters) p.Dispose();
    }
}
