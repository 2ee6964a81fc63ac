using System.Text.Json;

namespace Interop.Torch.Tests;

/// <summary>
/// One case of Fixtures/Layers/layers.json, written with its state dict &lt;case&gt;.pt by
/// Fixtures/Layers/make_layer_fixtures.py: PyTorch's layer, its inputs and its outputs.
/// </summary>
internal sealed class LayerFixture
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Layers");
    private static readonly Lazy<JsonElement> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "layers.json"))).RootElement.GetProperty("cases"));

    private readonly string name;
    private readonly JsonElement entry;

    private LayerFixture(string name)
    {
        this.name = name;
        entry = Cases.Value.GetProperty(name);
    }

    public static LayerFixture Case(string name) => new(name);

    /// <summary>
    /// Loads PyTorch's weights into <paramref name="layer"/> and checks that its state dict has
    /// PyTorch's names, in PyTorch's order, and its parameter count; returns the layer in evaluation mode.
    /// </summary>
    public T Load<T>(T layer) where T : Module
    {
        layer.Load(Path.Combine(Folder, name + ".pt"));
        IReadOnlyList<StateEntry> state = layer.StateDict();
        string[] names = state.Select(e => e.Name).ToArray();
        foreach (StateEntry e in state) e.Tensor.Dispose();
        Assert.Equal(entry.GetProperty("names").EnumerateArray().Select(n => n.GetString()), names);
        Assert.Equal(entry.GetProperty("parameter_count").GetInt64(), layer.ParameterCount);
        layer.SetTraining(false);
        return layer;
    }

    /// <summary>A recorded input as a tensor of <paramref name="dtype"/> (float masks become boolean with DType.Bool).</summary>
    public Tensor Input(string input, DType dtype = DType.Float32)
    {
        var (shape, data) = Read(entry.GetProperty("inputs").GetProperty(input));
        using Tensor values = Tensor.FromData<double>(data, shape);
        return values.To(dtype);
    }

    /// <summary>Checks <paramref name="actual"/> against a recorded output: the same shape and values within 1e-5 relative.</summary>
    public void AssertOutput(string output, Tensor actual)
    {
        var (shape, data) = Read(entry.GetProperty("outputs").GetProperty(output));
        Assert.Equal(shape, actual.Shape);
        TensorAssert.Close(data, actual);
    }

    private static (long[] Shape, double[] Data) Read(JsonElement recorded) => (
        recorded.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
        recorded.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray());
}
