namespace Interop.Torch.Tests;

/// <summary>Models print their layer tree as PyTorch's print(model) does; the expected texts are PyTorch's own.</summary>
public class PrintingTests
{
    [Fact]
    public void SequentialPrintsAsInPyTorch()
    {
        using var model = Layers.Sequential(Layers.Linear(32, 64), Layers.ReLU(), Layers.Dropout(0.25), Layers.Linear(64, 10, bias: false));
        Assert.Equal("""
            Sequential(
              (0): Linear(in_features=32, out_features=64, bias=True)
              (1): ReLU()
              (2): Dropout(p=0.25, inplace=False)
              (3): Linear(in_features=64, out_features=10, bias=False)
            )
            """, model.ToString());
    }

    [Fact]
    public void ConvolutionsAndNormsPrintTheirArguments()
    {
        using var conv = Layers.Conv2d(3, 16, (3, 3), stride: (2, 2), padding: (1, 1));
        using var norm = Layers.BatchNorm2d(16);
        Assert.Equal("Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))", conv.ToString());
        Assert.Equal("BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)", norm.ToString());
    }

    [Fact]
    public void AZooModelPrintsItsNestedTree()
    {
        using var model = Zoo.Create("resnet18", classes: 10);
        string text = model.ToString();
        Assert.StartsWith("ResNet(\n  (conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)\n", text);
        Assert.Contains("\n  (layer1): Sequential(\n    (0): BasicBlock(\n      (conv1): Conv2d(64, 64, kernel_size=(3, 3)", text);
        Assert.EndsWith("\n  (fc): Linear(in_features=512, out_features=10, bias=True)\n)", text);
        Assert.DoesNotContain("::", text);
    }

    [Fact]
    public void ACSharpModulePrintsItsChildrenAndSettings()
    {
        using var model = new TinyModel();
        Assert.Equal("""
            TinyModel(
              (embed): Embedding(10, 4, padding_idx=0)
              (norm): LayerNorm((4,), eps=1e-05, elementwise_affine=True)
              (act): GELU(approximate='tanh')
              (head): Sequential(
                (0): Linear(in_features=4, out_features=2, bias=True)
              )
            )
            """, model.ToString());
        Assert.Equal("GELU(approximate='none')", new GELU().ToString());
    }

    [Fact]
    public void ATorchScriptModulePrintsAsPythonPrintsItLoaded()
    {
        using var model = NativeModule.LoadTorchScript(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny_mlp.pt"));
        // str(torch.jit.load("tiny_mlp.pt")) in Python.
        Assert.Equal("RecursiveScriptModule(\n  original_name=Sequential\n  (0): RecursiveScriptModule(original_name=Linear)\n" +
            "  (1): RecursiveScriptModule(original_name=ReLU)\n  (2): RecursiveScriptModule(original_name=Dropout)\n" +
            "  (3): RecursiveScriptModule(original_name=Linear)\n)", model.ToString());
    }

    [Fact]
    public void ADisposedModuleSaysSo()
    {
        var model = Layers.Linear(1, 1);
        model.Dispose();
        Assert.Equal("NativeModule (disposed)", model.ToString());
    }

    private sealed class TinyModel : Module
    {
        public TinyModel()
        {
            Register("embed", new Embedding(10, 4, paddingIdx: 0));
            Register("norm", new LayerNorm(4));
            Register("act", new GELU("tanh"));
            Register("head", Layers.Sequential(Layers.Linear(4, 2)));
        }

        public override Tensor Forward(Tensor input, Tensor? result = null) => throw new NotSupportedException();
    }
}
