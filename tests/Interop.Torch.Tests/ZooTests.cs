namespace Interop.Torch.Tests;

public class ZooTests
{
    [Theory]
    [InlineData("resnet18", 11_689_512)]
    [InlineData("mobilenet_v2", 3_504_872)]
    [InlineData("efficientnet_b0", 5_288_548)]
    public void ParameterCountsMatchTorchvision(string name, long expected)
    {
        using var model = Zoo.Create(name);
        Assert.Equal(expected, model.ParameterCount);
    }

    [Fact]
    public void StudyModelsHaveTheStudysParameterCounts()
    {
        using var simpleNN = Zoo.SimpleNN();
        using var simpleCNN = Zoo.SimpleCNN();
        Assert.Equal(2_762, simpleNN.ParameterCount);
        Assert.Equal(282_250, simpleCNN.ParameterCount);
    }

    [Fact]
    public void ResNet18ClassifiesASmallBatch()
    {
        using var model = Zoo.Create("resnet18", classes: 7);
        using var predictor = new TorchPredictor(model, [2, 3, 64, 64]);
        var logits = new float[14];
        predictor.Predict(new float[2 * 3 * 64 * 64], logits);
        Assert.Equal([2L, 7L], predictor.OutputShape);
        Assert.All(logits, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void SimpleCNNTakesFashionMnistShapes()
    {
        using var model = Zoo.SimpleCNN(inChannels: 1, height: 28, width: 28);
        using var x = Tensor.Randn(4, 1, 28, 28);
        using var y = model.Forward(x);
        Assert.Equal([4L, 10L], y.Shape);
    }

    [Fact]
    public void WrongInputShapeNamesBothShapes()
    {
        using var model = Zoo.SimpleCNN();
        using var x = Tensor.Randn(1, 3, 28, 28);
        var error = Assert.ThrowsAny<TorchException>(() => model.Forward(x));
        Assert.Contains("1x3136", error.Message);
        Assert.Contains("4096x64", error.Message);
    }

    [Fact]
    public void UnknownNameListsTheKnownModels()
    {
        var error = Assert.Throws<TorchArgumentException>(() => Zoo.Create("resnet9000"));
        foreach (string name in Zoo.Names) Assert.Contains(name, error.Message);
    }
}
