using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interop.Torch.Tests;

/// <summary>Runs the TorchScript model that Fixtures/make_fixture.py scripted and saved with Python PyTorch.</summary>
public class TorchScriptTests : NativeFileTest
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static readonly string TinyMlpPath = Path.Combine(Fixtures, "tiny_mlp.pt");

    /// <summary>tiny_mlp.json: a fixed input and the output Python computed for it in evaluation mode.</summary>
    private sealed record Expectation(
        [property: JsonPropertyName("input_shape")] long[] InputShape,
        [property: JsonPropertyName("input")] float[] Input,
        [property: JsonPropertyName("expected")] double[] Expected,
        [property: JsonPropertyName("parameter_tensors")] int ParameterTensors,
        [property: JsonPropertyName("parameter_elements")] long ParameterElements);

    private static readonly Expectation TinyMlp =
        JsonSerializer.Deserialize<Expectation>(File.ReadAllText(Path.Combine(Fixtures, "tiny_mlp.json")))!;

    private static Tensor Input() => Tensor.FromData<float>(TinyMlp.Input, TinyMlp.InputShape);

    // The scripted architecture, built from layers: Linear(4, 3) -> ReLU -> Dropout -> Linear(3, 2).
    private static NativeModule SameArchitectureFromLayers() =>
        Sequential(Layers.Linear(4, 3), Layers.ReLU(), Layers.Dropout(0.5), Layers.Linear(3, 2));

    [Fact]
    public void ForwardMatchesPythonInTheModeItWasSavedIn()
    {
        using var model = NativeModule.LoadTorchScript(TinyMlpPath);
        using var input = Input();

        Assert.False(model.IsTraining);
        using var output = model.Forward(input);

        TensorAssert.Shape(output, 2, 2);
        TensorAssert.Close(TinyMlp.Expected, output, tolerance: 1e-6);
    }

    [Fact]
    public void TrainingModeReachesTheScriptsDropout()
    {
        using var model = NativeModule.LoadTorchScript(TinyMlpPath);
        using var input = Input();

        model.Train();
        Assert.True(model.IsTraining);
        using (var trained = model.Forward(input))
        {
            // The second sample has live hidden units, and dropout either zeroes or doubles each
            // of them, so its output leaves the evaluation-mode one.
            float[] output = trained.ToArray<float>();
            bool changed = Math.Abs(output[2] - TinyMlp.Expected[2]) > 1e-6 || Math.Abs(output[3] - TinyMlp.Expected[3]) > 1e-6;
            Assert.True(changed, "The second sample's output is the evaluation-mode one: dropout did not run.");
        }

        model.Eval();
        using var evaluated = model.Forward(input);
        TensorAssert.Close(TinyMlp.Expected, evaluated, tolerance: 1e-6);
    }

    [Fact]
    public void ParametersAreTheScriptsInRegistrationOrder()
    {
        using var model = NativeModule.LoadTorchScript(TinyMlpPath);

        Assert.Equal(TinyMlp.ParameterElements, model.ParameterCount);
        Tensor[] parameters = model.Parameters();
        try
        {
            Assert.Equal(TinyMlp.ParameterTensors, parameters.Length);
            Assert.Equal([3L, 4L], parameters[0].Shape);
            Assert.Equal([3L], parameters[1].Shape);
            Assert.Equal([2L, 3L], parameters[2].Shape);
            Assert.Equal([2L], parameters[3].Shape);
        }
        finally
        {
            foreach (var p in parameters) p.Dispose();
        }
    }

    [Fact]
    public void MovesToTheCpu()
    {
        using var model = NativeModule.LoadTorchScript(TinyMlpPath);
        using var input = Input();

        model.To(Device.Cpu);
        using var output = model.Forward(input);

        TensorAssert.Close(TinyMlp.Expected, output, tolerance: 1e-6);
    }

    [Fact]
    public void MovesToTheGpuOrSaysThereIsNone()
    {
        using var model = NativeModule.LoadTorchScript(TinyMlpPath);
        if (!LibTorch.CudaIsAvailable)
        {
            var error = Assert.Throws<CudaUnavailableException>(() => model.To(Device.Cuda()));
            Assert.Contains("CUDA", error.Message);
            return;
        }
        using var cpuInput = Input();
        using var input = cpuInput.To(Device.Cuda());

        model.To(Device.Cuda());
        using var output = model.Forward(input);

        Assert.Equal(DeviceType.Cuda, output.Device.Type);
        // GPU kernels may round differently from the CPU ones that made the expectation.
        TensorAssert.Close(TinyMlp.Expected, output, tolerance: 1e-5);
    }

    [Fact]
    public void ItsSavedStateLoadsIntoTheSameArchitectureBuiltFromLayers()
    {
        string file = ScratchFile("tiny_mlp_state.pt");
        using (var script = NativeModule.LoadTorchScript(TinyMlpPath)) script.Save(file);
        using var model = SameArchitectureFromLayers();
        using var input = Input();

        model.Load(file).Eval();
        using var output = model.Forward(input);

        TensorAssert.Close(TinyMlp.Expected, output, tolerance: 1e-6);
    }

    [Fact]
    public void TheScriptFileLoadsIntoTheSameArchitectureBuiltFromLayers()
    {
        using var model = SameArchitectureFromLayers();
        using var input = Input();

        model.Load(TinyMlpPath).Eval();
        using var output = model.Forward(input);

        TensorAssert.Close(TinyMlp.Expected, output, tolerance: 1e-6);
    }

    [Fact]
    public void LoadsTheStateOfTheSameArchitectureBuiltFromLayers()
    {
        string file = ScratchFile("layers_state.pt");
        using var layers = SameArchitectureFromLayers().Eval();
        layers.Save(file);
        using var script = NativeModule.LoadTorchScript(TinyMlpPath);
        using var input = Input();

        script.Load(file);

        using var expected = layers.Forward(input);
        using var actual = script.Forward(input);
        Assert.Equal(expected.ToArray<float>(), actual.ToArray<float>());
    }

    [Fact]
    public void ForwardReturningATupleThrowsATypeError()
    {
        using var model = NativeModule.LoadTorchScript(Path.Combine(Fixtures, "tuple_output.pt"));
        using var input = Input();

        var error = Assert.Throws<TorchTypeException>(() => model.Forward(input));

        Assert.Contains("Tuple", error.Message);
    }

    [Fact]
    public void CannotBeASequentialChild()
    {
        using var script = NativeModule.LoadTorchScript(TinyMlpPath);
        using var relu = Layers.ReLU();

        var error = Assert.Throws<TorchArgumentException>(() => Layers.Sequential(relu, script));

        Assert.Contains("TorchScript", error.Message);
    }

    [Fact]
    public void TruncatedFileThrowsNamingThePath()
    {
        string file = ScratchFile("truncated.pt");
        byte[] whole = File.ReadAllBytes(TinyMlpPath);
        File.WriteAllBytes(file, whole[..(whole.Length / 2)]);

        var error = Assert.ThrowsAny<TorchException>(() => NativeModule.LoadTorchScript(file));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void RandomBytesThrowNamingThePath()
    {
        string file = ScratchFile("noise.pt");
        byte[] noise = new byte[4096];
        new Random(11).NextBytes(noise);
        File.WriteAllBytes(file, noise);

        var error = Assert.ThrowsAny<TorchException>(() => NativeModule.LoadTorchScript(file));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void ParameterFileIsNotATorchScriptModule()
    {
        // What itorch_module_save writes is a TorchScript archive without a forward.
        string file = ScratchFile("parameters.pt");
        using (var layers = SameArchitectureFromLayers()) layers.Save(file);

        var error = Assert.ThrowsAny<TorchException>(() => NativeModule.LoadTorchScript(file));

        Assert.Contains("forward", error.Message);
    }

    [Fact]
    public void MissingFileThrowsNamingThePath()
    {
        string file = ScratchFile("absent.pt");

        var error = Assert.Throws<FileNotFoundException>(() => NativeModule.LoadTorchScript(file));

        Assert.Contains(file, error.Message);
    }
}
