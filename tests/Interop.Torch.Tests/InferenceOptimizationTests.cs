namespace Interop.Torch.Tests;

public class InferenceOptimizationTests
{
    // The zoo's models with batch norm (ResNet, MobileNetV2, EfficientNet), whose folding into the
    // convolutions changes the arithmetic, and SimpleCNN, which has none.
    [Theory]
    [InlineData("simple_cnn")]
    [InlineData("resnet18")]
    [InlineData("mobilenet_v2")]
    [InlineData("efficientnet_b0")]
    public void OptimizedPredictorMatchesTheModelWithinFloatRounding(string name)
    {
        LibTorch.ManualSeed(3);
        using var model = Zoo.Create(name, classes: 10, inChannels: 3, height: 32, width: 32);
        long[] shape = [2, 3, 32, 32];
        float[] input = RandomInput(2 * 3 * 32 * 32);
        using var plain = new TorchPredictor(model, shape);
        using var fast = new TorchPredictor(model, shape, optimizeForInference: true);
        var expected = new float[plain.OutputLength];
        var actual = new float[fast.OutputLength];

        plain.Predict(input, expected);
        fast.Predict(input, actual);

        Assert.Equal(plain.OutputShape, fast.OutputShape);
        TensorAssert.Close(TensorAssert.ToDoubles(expected), TensorAssert.ToDoubles(actual), 1e-4);
    }

    [Fact]
    public void OptimizedPredictAllocatesNothingManagedAndKeepsHandlesFlat()
    {
        using var model = Zoo.SimpleCNN();
        using var predictor = new TorchPredictor(model, [1, 3, 32, 32], optimizeForInference: true);
        float[] input = RandomInput(3 * 32 * 32);
        var output = new float[predictor.OutputLength];
        for (int i = 0; i < 10; i++) predictor.Predict(input, output);

        long live = LibTorch.LiveHandles;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) predictor.Predict(input, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(live, LibTorch.LiveHandles);
    }

    [Fact]
    public void TheCopyIsTakenOnceAndLeavesTheModelAsItWas()
    {
        LibTorch.ManualSeed(5);
        using var model = Layers.Sequential(Layers.Linear(4, 3));
        Tensor[] parameters = model.Parameters();
        using var example = Tensor.Ones(2, 4);
        using var optimized = model.OptimizedForInference(example);
        using var before = optimized.Forward(example);

        Assert.True(model.IsTraining);
        Assert.All(parameters, p => Assert.True(p.RequiresGrad));
        using (LibTorch.NoGrad()) foreach (Tensor p in parameters) p.AddInPlace(1.0);
        using var after = optimized.Forward(example);
        using var changed = model.Forward(example);

        Assert.Equal(before.ToArray<float>(), after.ToArray<float>());
        // Its outputs (inference tensors: a frozen module runs in inference mode) feed later ops.
        using var doubled = Torch.Add(after, after);
        Assert.Equal(before.ToArray<float>().Select(v => 2 * v), doubled.ToArray<float>());
        Assert.NotEqual(before.ToArray<float>(), changed.ToArray<float>());
        Assert.False(optimized.IsTraining);
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void TorchScriptModuleIsFrozenAndMatches()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny_mlp.pt");
        using var model = NativeModule.LoadTorchScript(path);
        long inputs = model.Parameters()[0].Shape[1];
        using var example = Tensor.Ones(3, inputs);
        using var optimized = model.OptimizedForInference(example);
        model.SetTraining(false);
        using var expected = model.Forward(example);
        using var actual = optimized.Forward(example);

        TensorAssert.Close(TensorAssert.ToDoubles(expected.ToArray<float>()), actual, 1e-5);
    }

    [Fact]
    public void ExampleTheModelRejectsGivesItsNativeMessage()
    {
        using var model = Zoo.SimpleCNN();
        using var wrong = Tensor.Zeros(1, 5, 32, 32);
        var error = Assert.ThrowsAny<TorchException>(() => model.OptimizedForInference(wrong));
        Assert.Contains("channels", error.Message);
    }

    [Fact]
    public void OptimizedCopyRefusesTrainingMode()
    {
        using var model = Layers.Linear(4, 3);
        using var example = Tensor.Ones(1, 4);
        using var optimized = model.OptimizedForInference(example);
        var error = Assert.ThrowsAny<TorchException>(() => optimized.SetTraining(true));
        Assert.Contains("cannot be put in training mode", error.Message);
        Assert.False(optimized.IsTraining);
    }

    [Fact]
    public void CSharpModuleIsRefused()
    {
        using var model = new Doubling();
        var error = Assert.Throws<ArgumentException>(() => new TorchPredictor(model, [1, 4], optimizeForInference: true));
        Assert.Contains("NativeModule", error.Message);
    }

    private sealed class Doubling : Module
    {
        public override Tensor Forward(Tensor input, Tensor? result = null) => Torch.Mul(input, 2.0, result: result);
    }

    private static float[] RandomInput(int count)
    {
        var random = new Random(17);
        return Enumerable.Range(0, count).Select(_ => (float)random.NextDouble()).ToArray();
    }
}
