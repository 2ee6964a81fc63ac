namespace Interop.Torch.Tests;

/// <summary>What every C# layer must do beyond matching PyTorch's numbers.</summary>
internal static class LayerChecks
{
    /// <summary>A backward from the sum of the output gives every parameter a gradient, not all zero.</summary>
    public static void GradientsReachEveryParameter(Module layer, Tensor input)
    {
        using (Tensor output = layer.Forward(input))
        using (Tensor loss = Torch.Sum(output))
        {
            loss.Backward();
        }
        foreach (var (name, parameter) in layer.NamedParameters())
        {
            using (parameter)
            using (Tensor grad = parameter.Grad())
            {
                Assert.True(grad.IsDefined, $"{name} has no gradient.");
                Assert.Equal(parameter.Shape, grad.Shape);
                using Tensor abs = Torch.Abs(grad);
                using Tensor magnitude = Torch.Sum(abs);
                Assert.True(magnitude.Item<float>() > 0, $"{name}'s gradient is all zero.");
            }
        }
    }

    /// <summary>
    /// Forward into a result, after warm-up, allocates no managed memory and leaves no new native
    /// handle, with autograd recording (training) and without (inference).
    /// </summary>
    public static void ForwardIntoResultAllocatesNothing(Module layer, Tensor input)
    {
        using var result = new Tensor();
        foreach (bool grad in new[] { true, false })
        {
            using GradScope scope = LibTorch.SetGradEnabled(grad);
            for (int i = 0; i < 3; i++) layer.Forward(input, result);
            long handles = LibTorch.LiveHandles;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) layer.Forward(input, result);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(handles, LibTorch.LiveHandles);
        }
    }

    /// <summary>Every value of the named parameter lies in [-bound, bound], and they are not all equal (so drawn, not filled).</summary>
    public static void DrawnWithin(Module layer, string name, double bound)
    {
        double[] values = Values(layer, name);
        Assert.All(values, x => Assert.InRange(Math.Abs(x), 0, bound));
        Assert.True(values.Distinct().Count() > 1, $"{name} is constant.");
    }

    /// <summary>The named parameter's values, as doubles.</summary>
    public static double[] Values(Module layer, string name)
    {
        var named = layer.NamedParameters();
        try
        {
            Tensor parameter = named.Single(p => p.Name == name).Parameter;
            using Tensor asDouble = parameter.To(DType.Float64);
            return asDouble.ToArray<double>();
        }
        finally
        {
            foreach (var (_, p) in named) p.Dispose();
        }
    }
}
