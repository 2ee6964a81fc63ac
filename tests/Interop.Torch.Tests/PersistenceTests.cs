namespace Interop.Torch.Tests;

public class PersistenceTests : NativeFileTest
{
    // Convolution, batch norm (whose running statistics are buffers) and a linear head.
    private static NativeModule SmallCnn() => Sequential(
        Layers.Conv2d(1, 2, (3, 3)), Layers.BatchNorm2d(2), Layers.ReLU(), Layers.Flatten(), Layers.Linear(2 * 4 * 4, 3));

    private static NativeModule Mlp(long hidden) =>
        Sequential(Layers.Linear(4, hidden), Layers.ReLU(), Layers.Linear(hidden, 2));

    private static float[][] ParameterValues(NativeModule model)
    {
        Tensor[] parameters = model.Parameters();
        try
        {
            return Array.ConvertAll(parameters, p => p.ToArray<float>());
        }
        finally
        {
            foreach (var p in parameters) p.Dispose();
        }
    }

    private static float[] EvalOutput(NativeModule model, Tensor input)
    {
        model.Eval();
        using var output = model.Forward(input);
        return output.ToArray<float>();
    }

    [Fact]
    public void LoadedModelHasTheSavedParametersBuffersAndOutputs()
    {
        string file = ScratchFile("cnn.pt");
        using var input = Tensor.Randn(4, 1, 6, 6);
        using var trained = SmallCnn();
        // A training-mode forward moves batch norm's running statistics off their initial values.
        trained.Forward(input).Dispose();
        trained.Save(file);

        using var fresh = SmallCnn();
        Assert.NotEqual(ParameterValues(trained)[0], ParameterValues(fresh)[0]);
        Assert.Same(fresh, fresh.Load(file));

        Assert.Equal(ParameterValues(trained), ParameterValues(fresh));
        Assert.Equal(EvalOutput(trained, input), EvalOutput(fresh, input));
    }

    [Fact]
    public void LoadKeepsTheModulesTensorsSoEarlierParameterHandlesSeeTheValues()
    {
        string file = ScratchFile("linear.pt");
        using var saved = Layers.Linear(3, 2);
        saved.Save(file);
        using var loaded = Layers.Linear(3, 2);
        Tensor[] parameters = loaded.Parameters();
        using var weight = parameters[0];
        using var bias = parameters[1];

        loaded.Load(file);

        Assert.Equal(ParameterValues(saved)[0], weight.ToArray<float>());
        Assert.True(weight.RequiresGrad);
    }

    [Fact]
    public void ShapeMismatchThrowsNamingTheTensorAndLeavesTheModuleUnchanged()
    {
        string file = ScratchFile("mlp3.pt");
        using (var saved = Mlp(hidden: 3)) saved.Save(file);
        using var other = Mlp(hidden: 5);
        float[][] before = ParameterValues(other);

        var error = Assert.ThrowsAny<TorchException>(() => other.Load(file));

        Assert.Contains("size mismatch for '0.weight'", error.Message);
        Assert.Contains("[3, 4]", error.Message);
        Assert.Equal(before, ParameterValues(other));
    }

    [Fact]
    public void MissingNameThrowsWithLibtorchsMessage()
    {
        string file = ScratchFile("linear.pt");
        using (var saved = Layers.Linear(4, 2)) saved.Save(file);
        using var sequential = Mlp(hidden: 2);

        var error = Assert.ThrowsAny<TorchException>(() => sequential.Load(file));

        // InputArchive's own message for an entry the file lacks.
        Assert.Contains("No such serialized", error.Message);
    }

    [Fact]
    public void ExtraEntriesInTheFileThrow()
    {
        string file = ScratchFile("mlp.pt");
        using (var saved = Mlp(hidden: 3)) saved.Save(file);
        using var shorter = Sequential(Layers.Linear(4, 3));

        var error = Assert.ThrowsAny<TorchException>(() => shorter.Load(file));

        Assert.Contains("Unexpected entry '1'", error.Message);
    }

    [Fact]
    public void MissingFileThrowsNamingThePath()
    {
        string file = ScratchFile("absent.pt");
        using var model = Mlp(hidden: 3);

        var error = Assert.Throws<FileNotFoundException>(() => model.Load(file));

        Assert.Contains(file, error.Message);
        Assert.Equal(file, error.FileName);
    }

    [Fact]
    public void CorruptFilesThrowNamingThePath()
    {
        string file = ScratchFile("mlp.pt");
        using var model = Mlp(hidden: 3);
        model.Save(file);
        byte[] saved = File.ReadAllBytes(file);
        byte[] noise = new byte[saved.Length];
        new Random(7).NextBytes(noise);

        foreach (byte[] content in new[] { saved[..(saved.Length / 2)], noise, Array.Empty<byte>() })
        {
            File.WriteAllBytes(file, content);
            var error = Assert.ThrowsAny<TorchException>(() => model.Load(file));
            Assert.Contains(file, error.Message);
        }
    }

    [Fact]
    public void SavingIntoAMissingFolderThrows()
    {
        string file = Path.Combine(Scratch, "no-such-folder", "mlp.pt");
        using var model = Mlp(hidden: 3);

        var error = Assert.ThrowsAny<TorchException>(() => model.Save(file));

        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void NonAsciiPathsRoundTrip()
    {
        string file = ScratchFile("modèle-模型.pt");
        using var saved = Mlp(hidden: 3);
        saved.Save(file);
        Assert.True(File.Exists(file));

        using var loaded = Mlp(hidden: 3);
        loaded.Load(file);

        Assert.Equal(ParameterValues(saved), ParameterValues(loaded));
    }
}
