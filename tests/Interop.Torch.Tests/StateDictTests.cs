using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interop.Torch.Tests;

/// <summary>A class-based C# module's state dict: PyTorch's names, Save and Load, and Python's torch.save(model.state_dict()).</summary>
public class StateDictTests : NativeFileTest
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>tiny_net_state.json, written with tiny_net_state.pt by Fixtures/make_state_dict_fixture.py.</summary>
    private sealed record Expectation(
        [property: JsonPropertyName("names")] string[] Names,
        [property: JsonPropertyName("input_shape")] long[] InputShape,
        [property: JsonPropertyName("input")] float[] Input,
        [property: JsonPropertyName("expected")] double[] Expected);

    private static readonly Expectation TinyNetState =
        JsonSerializer.Deserialize<Expectation>(File.ReadAllText(Path.Combine(Fixtures, "tiny_net_state.json")))!;

    // The fixture's TinyNet, class for class.
    private sealed class TinyNet : Module
    {
        private readonly Tensor scale;
        private readonly NativeModule features;
        private readonly NativeModule head;

        public TinyNet()
        {
            scale = RegisterParameter("scale", Tensor.Ones(3));
            using (NativeModule linear = Layers.Linear(4, 8))
            using (NativeModule relu = Layers.ReLU())
            {
                features = Register("features", Layers.Sequential(linear, relu));
            }
            head = Register("head", Layers.Linear(8, 3));
        }

        public override Tensor Forward(Tensor input, Tensor? result = null)
        {
            using Tensor hidden = features.Forward(input);
            Tensor logits = head.Forward(hidden, result);
            return Torch.Mul(logits, scale, result: logits);
        }
    }

    private static float[] EvalOutput(Module model, float[] input, long[] shape)
    {
        model.SetTraining(false);
        using var x = Tensor.FromData<float>(input, shape);
        using var y = model.Forward(x);
        return y.ToArray<float>();
    }

    private static void DisposeAll(IEnumerable<StateEntry> entries)
    {
        foreach (StateEntry entry in entries) entry.Tensor.Dispose();
    }

    [Fact]
    public void NamesAreTheOnesPyTorchGivesTheSameArchitecture()
    {
        using var model = new TinyNet();
        IReadOnlyList<StateEntry> state = model.StateDict();
        try
        {
            Assert.Equal(TinyNetState.Names, state.Select(e => e.Name));
            Assert.All(state, e => Assert.False(e.IsBuffer));
        }
        finally
        {
            DisposeAll(state);
        }
        var named = model.NamedParameters();
        Assert.Equal(TinyNetState.Names, named.Select(p => p.Name));
        foreach (var (_, p) in named) p.Dispose();
    }

    [Fact]
    public void LoadsTheStateDictPythonSaved_AndComputesWhatPythonComputed()
    {
        using var model = new TinyNet();
        Assert.Same(model, model.Load(Path.Combine(Fixtures, "tiny_net_state.pt")));
        float[] output = EvalOutput(model, TinyNetState.Input, TinyNetState.InputShape);
        Assert.Equal(TinyNetState.Expected.Length, output.Length);
        for (int i = 0; i < output.Length; i++) Assert.Equal(TinyNetState.Expected[i], output[i], 1e-6);
    }

    [Fact]
    public void SaveThenLoad_GivesAnotherInstanceTheSameParametersAndOutputs()
    {
        string file = ScratchFile("tiny_net.pt");
        LibTorch.ManualSeed(1);
        using var saved = new TinyNet();
        saved.Save(file);
        LibTorch.ManualSeed(2);
        using var loaded = new TinyNet();
        float[] input = [1f, 2f, 3f, 4f];
        Assert.NotEqual(EvalOutput(saved, input, [1, 4]), EvalOutput(loaded, input, [1, 4]));

        loaded.Load(file);

        Assert.Equal(EvalOutput(saved, input, [1, 4]), EvalOutput(loaded, input, [1, 4]));
    }

    private sealed class BareLinear : Module
    {
        public BareLinear()
        {
            RegisterParameter("weight", Tensor.Zeros(2, 3));
            RegisterParameter("bias", Tensor.Zeros(2));
        }

        public override Tensor Forward(Tensor input, Tensor? result = null) => throw new NotSupportedException();
    }

    [Fact]
    public void TheFormatIsTheNativeModulesOwn_EitherLoadsTheOther()
    {
        string nativeFile = ScratchFile("linear.pt");
        string managedFile = ScratchFile("bare.pt");
        using var linear = Layers.Linear(3, 2);
        linear.Save(nativeFile);
        using var bare = new BareLinear();

        bare.Load(nativeFile);
        bare.Save(managedFile);
        using var other = Layers.Linear(3, 2);
        other.Load(managedFile);

        float[][] Values(IReadOnlyList<StateEntry> state)
        {
            float[][] values = state.Select(e => e.Tensor.ToArray<float>()).ToArray();
            DisposeAll(state);
            return values;
        }
        Assert.Equal(Values(linear.StateDict()), Values(bare.StateDict()));
        Assert.Equal(Values(linear.StateDict()), Values(other.StateDict()));
    }

    [Fact]
    public void AFileOfAnotherArchitecture_NamesTheMissingKey_AndLeavesTheModuleUnchanged()
    {
        string file = ScratchFile("bare.pt");
        using (var bare = new BareLinear()) bare.Save(file);
        using var model = new TinyNet();
        float[] before = EvalOutput(model, [1f, 2f, 3f, 4f], [1, 4]);

        BadInputAssert.Rejects<TorchException>(() => model.Load(file), "scale", file);

        Assert.Equal(before, EvalOutput(model, [1f, 2f, 3f, 4f], [1, 4]));
    }

    [Fact]
    public void APythonStateDictOfAnotherArchitecture_NamesTheFirstMissingKey()
    {
        using var model = new BareLinear();
        BadInputAssert.Rejects<TorchException>(() => model.Load(Path.Combine(Fixtures, "tiny_net_state.pt")),
            "Missing key 'weight'");
    }

    [Fact]
    public void APickleThatWouldRunCode_IsRefused_WithoutRunningIt()
    {
        // Python's torch.load would call os.system here; the shim's unpickler builds only a
        // dictionary of tensors and refuses every other global.
        string file = Path.Combine(Fixtures, "code_in_pickle.pt");
        using var model = new BareLinear();
        BadInputAssert.Rejects<TorchException>(() => model.Load(file), "the global posix.system is not part of a state dict", file);
        using var linear = Layers.Linear(3, 2);
        BadInputAssert.Rejects<TorchException>(() => linear.Load(file), "the global posix.system is not part of a state dict");
    }

    [Fact]
    public void APickleNestedTooDeep_IsRefused_BeforeItCanOverflowTheStack()
    {
        // A valid archive whose data.pkl is None inside 100,000 one-element tuples.
        string file = ScratchFile("nested.pt");
        using (var archive = System.IO.Compression.ZipFile.Open(file, System.IO.Compression.ZipArchiveMode.Create))
        {
            var pickle = new List<byte> { 0x80, 2, (byte)'N' };
            pickle.AddRange(Enumerable.Repeat((byte)0x85, 100_000));
            pickle.Add((byte)'.');
            Write(archive, "nested/data.pkl", pickle.ToArray());
            Write(archive, "nested/version", "3\n"u8.ToArray());
        }
        using var model = new BareLinear();
        BadInputAssert.Rejects<TorchException>(() => model.Load(file), "values nest deeper than 32 levels");
    }

    private static void Write(System.IO.Compression.ZipArchive archive, string name, byte[] data)
    {
        using Stream entry = archive.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression).Open();
        entry.Write(data);
    }

    private sealed class DottedName : Module
    {
        public DottedName(Tensor weight) => RegisterParameter("fc1.weight", weight);

        public override Tensor Forward(Tensor input, Tensor? result = null) => input;
    }

    [Fact]
    public void ANameWithADot_IsRefused_AsPyTorchRefusesIt()
    {
        // A refused tensor stays the caller's.
        using var weight = Tensor.Ones(1);
        var error = Assert.Throws<ArgumentException>(() => new DottedName(weight));
        Assert.Contains("'fc1.weight' contains a '.'", error.Message);
    }

    [Fact]
    public void ANativeModulesStateDict_HasItsBuffersUnderPyTorchsNames()
    {
        using var conv = Layers.Conv2d(1, 2, (3, 3));
        using var norm = Layers.BatchNorm2d(2);
        using var model = Layers.Sequential(conv, norm);
        IReadOnlyList<StateEntry> state = model.StateDict();
        try
        {
            // nn.Sequential(nn.Conv2d(1, 2, 3), nn.BatchNorm2d(2)).state_dict().keys()
            Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"],
                state.Select(e => e.Name));
            Assert.Equal([false, false, false, false, true, true, true], state.Select(e => e.IsBuffer));
        }
        finally
        {
            DisposeAll(state);
        }
    }
}
