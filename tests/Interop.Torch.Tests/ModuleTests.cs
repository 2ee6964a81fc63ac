namespace Interop.Torch.Tests;

public class ModuleTests
{
    private static NativeModule SimpleNN() =>
        Layers.Sequential(Layers.Linear(32, 64), Layers.ReLU(), Layers.Linear(64, 10));

    [Fact]
    public void SequentialCountsTheParametersOfItsChildren()
    {
        using var model = SimpleNN();
        Assert.Equal(32 * 64 + 64 + 64 * 10 + 10, model.ParameterCount);
        Tensor[] parameters = model.Parameters();
        try
        {
            Assert.Equal(4, parameters.Length);
            Assert.Equal([64L, 32L], parameters[0].Shape);
            Assert.Equal([10L], parameters[3].Shape);
            Assert.All(parameters, p => Assert.True(p.RequiresGrad));
        }
        finally
        {
            foreach (var p in parameters) p.Dispose();
        }
    }

    [Fact]
    public void LinearForwardMatchesItsParameters()
    {
        using var linear = Layers.Linear(3, 2);
        Tensor[] p = linear.Parameters();
        using var weight = p[0];
        using var bias = p[1];
        using var x = Tensor.FromData<float>([1, 2, 3], 1, 3);
        using var y = linear.Forward(x);
        float[] w = weight.ToArray<float>();
        float[] b = bias.ToArray<float>();
        float[] actual = y.ToArray<float>();
        for (int o = 0; o < 2; o++)
        {
            float expected = b[o] + w[o * 3] * 1 + w[o * 3 + 1] * 2 + w[o * 3 + 2] * 3;
            // A tolerance, not 5 decimal places: two floats 1 ulp apart can round to different
            // 5th decimals, and the weights are random.
            Assert.Equal(expected, actual[o], 1e-5f);
        }
    }

    [Fact]
    public void ChildrenOutliveTheirDisposedHandles()
    {
        NativeModule linear = Layers.Linear(4, 2);
        using var model = Layers.Sequential(linear, Layers.Sigmoid());
        linear.Dispose();
        using var x = Tensor.Ones(5, 4);
        using var y = model.Forward(x);
        Assert.Equal([5L, 2L], y.Shape);
        Assert.All(y.ToArray<float>(), v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void EvalModeTurnsDropoutOff()
    {
        using var dropout = Layers.Dropout(0.5);
        using var x = Tensor.Ones(1000);
        using (var trained = dropout.Forward(x))
        {
            Assert.Contains(0f, trained.ToArray<float>());
        }
        dropout.Eval();
        Assert.False(dropout.IsTraining);
        using var evaluated = dropout.Forward(x);
        Assert.All(evaluated.ToArray<float>(), v => Assert.Equal(1f, v));
    }

    [Fact]
    public void ConvolutionalStackGivesTheExpectedShape()
    {
        using var model = Layers.Sequential(
            Layers.Conv2d(3, 8, (3, 3), padding: (1, 1)), Layers.BatchNorm2d(8), Layers.ReLU6(),
            Layers.MaxPool2d((2, 2)), Layers.Conv2d(8, 8, (3, 3), padding: (1, 1), groups: 8), Layers.SiLU(),
            Layers.AvgPool2d((2, 2)), Layers.AdaptiveAvgPool2d((1, 1)), Layers.Flatten(), Layers.Identity(),
            Layers.Linear(8, 4));
        using var x = Tensor.Randn(2, 3, 16, 16);
        using var y = model.Forward(x);
        Assert.Equal([2L, 4L], y.Shape);
    }

    [Fact]
    public void WrongInputShapeThrowsWithLibtorchsMessage()
    {
        using var model = SimpleNN();
        using var x = Tensor.Ones(2, 31);
        var error = Assert.ThrowsAny<TorchException>(() => model.Forward(x));
        Assert.Contains("cannot be multiplied", error.Message);
    }

    [Fact]
    public void DisposedModuleThrowsObjectDisposed()
    {
        var model = SimpleNN();
        model.Dispose();
        using var x = Tensor.Ones(1, 32);
        Assert.Throws<ObjectDisposedException>(() => model.Forward(x));
    }
}
