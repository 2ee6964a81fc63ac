namespace Interop.Torch.Tests;

// A layer used twice holds one set of weights: PyTorch counts, lists and steps them once.
public class SharedParameterTests
{
    private static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (Tensor t in tensors) t.Dispose();
    }

    [Fact]
    public void ALayerUsedTwice_IsCountedAndListedOnce()
    {
        using var linear = Layers.Linear(4, 4);
        using var relu = Layers.ReLU();
        using var model = Layers.Sequential(linear, relu, linear);
        // torch.nn.Sequential(lin, relu, lin): 20 parameters in 2 tensors.
        Assert.Equal(20, model.ParameterCount);
        Tensor[] parameters = model.Parameters();
        Tensor[] own = linear.Parameters();
        try
        {
            Assert.Equal(2, parameters.Length);
            Assert.True(parameters[0].IsSame(own[0]));
            Assert.True(parameters[1].IsSame(own[1]));
            Assert.False(parameters[0].IsSame(parameters[1]));
        }
        finally
        {
            DisposeAll(parameters);
            DisposeAll(own);
        }
    }

    [Fact]
    public void OneSgdStep_MovesASharedWeightByTheLearningRateTimesItsGradient_Once()
    {
        const double rate = 0.1;
        LibTorch.ManualSeed(3);
        using var linear = Layers.Linear(4, 4);
        using var relu = Layers.ReLU();
        using var model = Layers.Sequential(linear, relu, linear);
        Tensor[] parameters = model.Parameters();
        try
        {
            using var optimizer = Optimizer.Sgd(parameters, rate);
            using var input = Tensor.Randn(3, 4);
            using (var output = model.Forward(input))
            using (var loss = Torch.Sum(output))
            {
                loss.Backward();
            }
            float[] before = parameters[0].ToArray<float>();
            using var gradient = parameters[0].Grad();
            float[] step = gradient.ToArray<float>();
            optimizer.Step();
            float[] after = parameters[0].ToArray<float>();
            for (int i = 0; i < before.Length; i++) Assert.Equal(before[i] - rate * step[i], after[i], 1e-6);
        }
        finally
        {
            DisposeAll(parameters);
        }
    }

    [Fact]
    public void AnOptimizerGivenATensorTwice_UpdatesItOnce()
    {
        using var weight = Tensor.Ones(3);
        weight.RequiresGrad = true;
        using var alias = new Tensor();
        alias.Assign(weight);
        using var optimizer = Optimizer.Sgd([weight, alias], learningRate: 0.5);
        using (var loss = Torch.Sum(weight)) loss.Backward();
        optimizer.Step();
        Assert.Equal(new float[] { 0.5f, 0.5f, 0.5f }, weight.ToArray<float>());
    }

    private sealed class TwiceRegistered : Module
    {
        private readonly NativeModule encoder;
        private readonly NativeModule stack;

        public TwiceRegistered()
        {
            NativeModule shared = Layers.Linear(3, 3);
            using NativeModule relu = Layers.ReLU();
            encoder = Register("encoder", shared);
            // The same layer again inside a container, and once more under a second name.
            stack = Register("stack", Layers.Sequential(shared, relu));
            Register("again", shared);
            RegisterParameter("scale", Tensor.Ones(3));
        }

        public override Tensor Forward(Tensor input, Tensor? result = null) => stack.Forward(encoder.Forward(input), result);
    }

    [Fact]
    public void ACSharpModule_ListsASharedLayerOnce_UnderItsFirstName()
    {
        using var model = new TwiceRegistered();
        var named = model.NamedParameters();
        try
        {
            Assert.Equal(["scale", "encoder.weight", "encoder.bias"], named.Select(p => p.Name));
            Assert.Equal(3 * 3 + 3 + 3, model.ParameterCount);
        }
        finally
        {
            DisposeAll(named.Select(p => p.Parameter));
        }
    }

    [Fact]
    public void TheHandlesOfDroppedDuplicates_AreFreed()
    {
        using var model = new TwiceRegistered();
        BadInputAssert.LeavesNoHandles(() => DisposeAll(model.Parameters()));
    }
}
