namespace Interop.Torch.Tests;

// CPU autocast: the ops on its bfloat16 list change dtype inside the scope only; the loss and
// the parameters stay float32, so a train step under it trains.
public class AutocastTests
{
    [Fact]
    public void LinearRunsInBFloat16InsideTheScope_AndInFloat32Again_AfterIt()
    {
        using var layer = Layers.Linear(4, 3);
        using var input = Tensor.Ones(2, 4);
        using (LibTorch.Autocast())
        {
            using Tensor inside = layer.Forward(input);
            Assert.Equal(DType.BFloat16, inside.DType);
            using (LibTorch.Autocast())
            {
                using Tensor nested = layer.Forward(input);
                Assert.Equal(DType.BFloat16, nested.DType);
            }
            // Leaving the inner scope keeps the outer one on.
            using Tensor stillInside = layer.Forward(input);
            Assert.Equal(DType.BFloat16, stillInside.DType);
        }
        using Tensor after = layer.Forward(input);
        Assert.Equal(DType.Float32, after.DType);
    }

    [Fact]
    public void ATrainStepUnderAutocast_KeepsFloat32ParametersAndLowersTheLoss()
    {
        LibTorch.ManualSeed(4);
        using var model = Layers.Sequential(Layers.Linear(2, 16), Layers.ReLU(), Layers.Linear(16, 2));
        Tensor[] parameters = model.Parameters();
        using var optimizer = Optimizer.Adam(parameters, learningRate: 0.02);
        using var trainer = new TorchTrainer(model, optimizer, TrainingLoss.CrossEntropy, [64, 2], [64]);
        var data = FitTests.Points(64, seed: 3);
        var features = new float[128];
        var labels = new long[64];
        for (int i = 0; i < 64; i++) data.CopySample(i, features.AsSpan(2 * i, 2), labels.AsSpan(i, 1));

        float first, last = 0;
        using (LibTorch.Autocast()) first = trainer.Step(features, labels);
        for (int i = 0; i < 60; i++)
        {
            using (LibTorch.Autocast()) last = trainer.Step(features, labels);
        }
        Assert.True(last < first * 0.7f, $"{first} -> {last}");
        Assert.All(parameters, p => Assert.Equal(DType.Float32, p.DType));
        foreach (Tensor p in parameters) p.Dispose();
    }

    [Fact]
    public void ADTypeCpuAutocastDoesNotTake_IsRefused_AndLeavesItOff()
    {
        BadInputAssert.Rejects<TorchArgumentException>(() => LibTorch.Autocast(DType.Float64), "bfloat16");
        using var layer = Layers.Linear(2, 2);
        using var input = Tensor.Ones(1, 2);
        using Tensor output = layer.Forward(input);
        Assert.Equal(DType.Float32, output.DType);
    }
}
