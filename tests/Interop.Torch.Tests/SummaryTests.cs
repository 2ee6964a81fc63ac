namespace Interop.Torch.Tests;

/// <summary>Keras-style summaries: output shapes from one traced forward, parameter counts, totals.</summary>
public class SummaryTests
{
    [Fact]
    public void ASequentialShowsEveryStepsShape_AndKerasTotals()
    {
        using var model = Layers.Sequential(Layers.Flatten(), Layers.Linear(784, 64), Layers.ReLU(), Layers.Linear(64, 10));
        ModelSummary summary = model.Summary([8, 1, 28, 28]);

        Assert.Equal("Sequential", summary.ModelType);
        Assert.Equal(["0", "1", "2", "3"], summary.Rows.Select(r => r.Name));
        Assert.Equal(["Flatten", "Linear", "ReLU", "Linear"], summary.Rows.Select(r => r.Type));
        Assert.Equal([[8L, 784L], [8L, 64L], [8L, 64L], [8L, 10L]], summary.Rows.Select(r => r.OutputShape!));
        Assert.Equal([0L, 50_240L, 0L, 650L], summary.Rows.Select(r => r.Parameters));
        Assert.Equal(model.ParameterCount, summary.TotalParameters);
        Assert.Equal((50_890L, 0L), (summary.TrainableParameters, summary.NonTrainableParameters));
        Assert.Equal([8L, 10L], summary.OutputShape);

        string table = summary.ToString();
        Assert.StartsWith("Model: \"Sequential\"\n", table);
        Assert.Contains(" 1 (Linear)", table);
        Assert.Contains("[8, 784]", table);
        Assert.Contains("\nTotal params: 50,890\nTrainable params: 50,890\nNon-trainable params: 0\n", table);
    }

    [Fact]
    public void ANestedZooModel_ShowsItsLayersByPath_WithTheShapesOfTheirOps()
    {
        using var model = Zoo.Create("resnet18", classes: 10);
        Tensor[] parameters = model.Parameters();
        parameters[0].RequiresGrad = false;
        long frozen = parameters[0].Numel;
        foreach (Tensor p in parameters) p.Dispose();

        ModelSummary summary = model.Summary([1, 3, 64, 64]);

        Assert.Equal("ResNet", summary.ModelType);
        SummaryRow Row(string name) => Assert.Single(summary.Rows, r => r.Name == name);
        Assert.Equal([1L, 64L, 32L, 32L], Row("conv1").OutputShape!);
        Assert.Equal([1L, 64L, 32L, 32L], Row("bn1").OutputShape!);
        Assert.Equal([1L, 128L, 8L, 8L], Row("layer2.0.conv1").OutputShape!);
        Assert.Equal([1L, 10L], Row("fc").OutputShape!);
        Assert.Equal(("BasicBlock", 2), (Row("layer1.0").Type, Row("layer1.0").Depth));
        // Keras' count of a nested layer covers its sublayers.
        Assert.Equal(summary.Rows.Where(r => r.Name.StartsWith("layer3.", StringComparison.Ordinal) && r.Depth == 2).Sum(r => r.Parameters),
            Row("layer3").Parameters);
        Assert.Equal(model.ParameterCount, summary.Rows.Where(r => r.Depth == 1).Sum(r => r.Parameters));
        Assert.Equal(model.ParameterCount, summary.TotalParameters);
        Assert.Equal(frozen, summary.NonTrainableParameters);
        Assert.Contains("\n     conv1 (Conv2d)", summary.ToString());
    }

    [Fact]
    public void ACSharpModule_ShowsNativeChildrenAndItsOwnLeaves()
    {
        using var model = new Classifier();
        ModelSummary summary = model.Summary([2, 5]);

        Assert.Equal("Classifier", summary.ModelType);
        Assert.Equal(["proj", "norm", "act", "head"], summary.Rows.Select(r => r.Name));
        Assert.Equal(["Linear", "LayerNorm", "GELU", "Linear"], summary.Rows.Select(r => r.Type));
        Assert.Equal([2L, 4L], summary.Rows[0].OutputShape!);
        Assert.Equal([2L, 4L], summary.Rows[1].OutputShape!);
        // A parameter-free C# layer gives the trace nothing to key its output by.
        Assert.Null(summary.Rows[2].OutputShape!);
        Assert.Equal([2L, 3L], summary.Rows[3].OutputShape!);
        Assert.Equal(model.ParameterCount, summary.TotalParameters);
        Assert.Equal(24 + 8 + 15, summary.TotalParameters);
        Assert.Contains(" act (GELU)", summary.ToString());
        Assert.Contains("--", summary.ToString());
    }

    [Fact]
    public void ATorchScriptModule_ShowsItsChildren()
    {
        using var model = NativeModule.LoadTorchScript(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tiny_mlp.pt"));
        ModelSummary summary = model.Summary([2, 4]);

        Assert.Equal(["Linear", "ReLU", "Dropout", "Linear"], summary.Rows.Select(r => r.Type));
        Assert.Equal([2L, 3L], summary.Rows[0].OutputShape!);
        Assert.Equal([2L, 2L], summary.Rows[3].OutputShape!);
        Assert.Equal(23, summary.TotalParameters);
    }

    [Fact]
    public void Summary_PutsTheModeBack_AndLeavesNoHandle()
    {
        using var model = Layers.Sequential(Layers.Linear(3, 2), Layers.Dropout(0.5));
        BadInputAssert.LeavesNoHandles(() => model.Summary([4, 3]));
        Assert.True(model.IsTraining);
        model.Eval();
        model.Summary([4, 3]);
        Assert.False(model.IsTraining);
    }

    [Fact]
    public void AShapeTheModelRejects_FailsWithLibTorchsMessage_AndTheNextSummaryWorks()
    {
        using var model = Layers.Sequential(Layers.Linear(784, 10));
        var error = BadInputAssert.Rejects<TorchException>(() => model.Summary([8, 3]), "8x3 and 784x10");
        Assert.NotEmpty(error.NativeMessage);
        Assert.True(model.IsTraining);
        Assert.Equal([8L, 10L], model.Summary([8, 784]).OutputShape);
    }

    private sealed class Classifier : Module
    {
        private readonly NativeModule proj;
        private readonly LayerNorm norm;
        private readonly GELU act;
        private readonly NativeModule head;
        private readonly Tensor hidden;
        private readonly Tensor normed;
        private readonly Tensor activated;

        public Classifier()
        {
            proj = Register("proj", Layers.Linear(5, 4));
            norm = Register("norm", new LayerNorm(4));
            act = Register("act", new GELU());
            head = Register("head", Layers.Linear(4, 3));
            hidden = Own(new Tensor());
            normed = Own(new Tensor());
            activated = Own(new Tensor());
        }

        public override Tensor Forward(Tensor input, Tensor? result = null)
        {
            proj.Forward(input, hidden);
            norm.Forward(hidden, normed);
            act.Forward(normed, activated);
            return head.Forward(activated, result);
        }
    }
}
