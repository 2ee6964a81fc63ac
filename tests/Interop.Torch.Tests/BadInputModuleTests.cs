namespace Interop.Torch.Tests;

/// <summary>Bad options for layers, zoo models and optimizers.</summary>
public class BadInputModuleTests
{
    [Fact]
    public void ZooModel_WrongInputShape_NamesBothShapes()
    {
        using var model = Zoo.SimpleNN();
        using var x = Tensor.Ones(4, 31);
        BadInputAssert.Rejects<TorchException>(() => model.Forward(x), "4x31", "32x64");
    }

    [Fact]
    public void ZooModel_UnknownName_ListsTheKnownOnes()
    {
        BadInputAssert.Rejects<TorchArgumentException>(() => Zoo.Create("resnet999"), ["'resnet999'", .. Zoo.Names]);
    }

    [Theory]
    [InlineData("simple_nn\0")]
    [InlineData("simple_nn\0resnet18")]
    [InlineData("\0")]
    public void ZooModel_NameWithANullCharacter_IsRejected_NotTruncated(string name)
    {
        // The shim reads a const char* up to the first null: "simple_nn\0x" used to build simple_nn.
        BadInputAssert.Rejects<ArgumentException>(() => Zoo.Create(name, classes: 10, inChannels: 32, height: 1, width: 1),
            "null character", "name");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void ZooModel_NonPositiveClasses(long classes)
    {
        BadInputAssert.Rejects<TorchArgumentException>(() => Zoo.Create("simple_cnn", classes), "classes", "must all be positive");
    }

    [Fact]
    public void ZooModel_ImageTooSmallForItsPooling()
    {
        BadInputAssert.Rejects<TorchArgumentException>(() => Zoo.Create("simple_cnn", height: 2, width: 2), "at least 4x4");
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Dropout_ProbabilityOutOfRange(double p)
    {
        using var x = Tensor.Ones(3);
        BadInputAssert.Rejects<TorchArgumentException>(() => Layers.Dropout(p), "dropout probability must be between 0 and 1");
        // The functional form is libtorch's own check (a c10::Error), the module's the shim's.
        BadInputAssert.Rejects<TorchException>(() => Torch.Dropout(x, p, train: true), "dropout probability has to be between 0 and 1");
    }

    [Fact]
    public void Linear_ZeroInputFeatures_NamesTheArgument()
    {
        BadInputAssert.Rejects<TorchArgumentException>(() => Layers.Linear(0, 3), "in_features=0");
        BadInputAssert.Rejects<TorchArgumentException>(() => Layers.Linear(-1, 3), "in_features=-1");
    }

    [Fact]
    public void Conv2d_ZeroGroups_IsAnErrorNotACrash()
    {
        // libtorch 1.13 divides by groups while building the layer: SIGFPE without the shim's check.
        BadInputAssert.Rejects<TorchArgumentException>(() => Layers.Conv2d(3, 4, (3, 3), groups: 0), "groups");
        BadInputAssert.Rejects<TorchArgumentException>(() => Layers.Conv2d(3, 4, (0, 3)), "kernel=0x3");
        BadInputAssert.Rejects<TorchException>(() => Layers.Conv2d(3, 4, (3, 3), groups: 2), "in_channels must be divisible by groups");
    }

    [Fact]
    public void Pooling_ZeroStride()
    {
        using var x = Tensor.Ones(1, 1, 4, 4);
        BadInputAssert.Rejects<TorchException>(() => Torch.MaxPool2d(x, [2, 2], stride: [0, 0]), "stride should not be zero");
        BadInputAssert.Rejects<TorchException>(() => Torch.AvgPool2d(x, [2, 2], stride: [0, 0]), "stride should not be zero");
    }

    [Fact]
    public void Optimizer_WithoutParameters()
    {
        BadInputAssert.Rejects<TorchArgumentException>(() => Optimizer.Sgd(ReadOnlySpan<Tensor>.Empty, 0.1), "at least one parameter");
        BadInputAssert.Rejects<TorchArgumentException>(() => Optimizer.Adam(ReadOnlySpan<Tensor>.Empty), "at least one parameter");
    }

    [Fact]
    public void Optimizer_BadHyperparameters()
    {
        using var layer = Layers.Linear(2, 2);
        Tensor[] parameters = layer.Parameters();
        BadInputAssert.Rejects<TorchException>(() => Optimizer.Sgd(parameters, -0.1), "Invalid learning rate: -0.1");
        BadInputAssert.Rejects<TorchException>(() => Optimizer.Adam(parameters, -0.1), "Invalid learning rate: -0.1");
        BadInputAssert.Rejects<TorchException>(() => Optimizer.Adam(parameters, beta1: 1.5), "Invalid beta parameter at index 0: 1.5");
        BadInputAssert.Rejects<TorchException>(() => Optimizer.Sgd(parameters, 0.1, nesterov: true), "Nesterov momentum requires a momentum");
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void Optimizer_SetNegativeLearningRate_KeepsTheOldOne()
    {
        using var layer = Layers.Linear(2, 2);
        Tensor[] parameters = layer.Parameters();
        using var optimizer = Optimizer.Sgd(parameters, 0.1);
        BadInputAssert.Rejects<TorchArgumentException>(() => optimizer.LearningRate = -1, "learning rate must not be negative");
        Assert.Equal(0.1, optimizer.LearningRate);
        foreach (var p in parameters) p.Dispose();
    }
}
