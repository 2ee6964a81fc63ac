using System.Text.Json;

namespace Interop.Torch.Tests.Conformance;

/// <summary>One recorded call: the schema, its arguments, what PyTorch returned, and the gradients.</summary>
/// <param name="Index">The case's position in the fixture file, for messages.</param>
/// <param name="Schema">"name.overload", or "name" when the overload is empty.</param>
/// <param name="Args">One fixture value per schema argument, in schema order.</param>
/// <param name="Outputs">The fixture value of the result.</param>
/// <param name="Grads">Per argument: the expected gradient, <c>{"none":true}</c> for a leaf without one, or
/// null (JSON null) for an argument not compared; null when the case has no gradient run.</param>
internal sealed record ConformanceCase(int Index, string Schema, JsonElement[] Args, JsonElement Outputs, JsonElement[]? Grads)
{
    /// <summary>The op name without the overload: "add" for "add.Tensor".</summary>
    public string OpName
    {
        get
        {
            int dot = Schema.IndexOf('.');
            return dot < 0 ? Schema : Schema[..dot];
        }
    }

    public override string ToString() => $"#{Index} {Schema}";
}

/// <summary>
/// The cases make_fixtures.py recorded with Python PyTorch on one libtorch major.minor
/// (Conformance/fixtures/libtorch-M.m.json beside the test assembly; the format is described in
/// make_fixtures.py).
/// </summary>
internal sealed class ConformanceFixture
{
    private ConformanceFixture(string path, string libTorch, string pythonTorch, IReadOnlyList<ConformanceCase> cases)
    {
        Path = path;
        LibTorch = libTorch;
        PythonTorch = pythonTorch;
        Cases = cases;
    }

    public string Path { get; }

    /// <summary>The libtorch the fixture was recorded on, as the fixture says.</summary>
    public string LibTorch { get; }

    /// <summary>Python torch's own version string at recording time.</summary>
    public string PythonTorch { get; }

    public IReadOnlyList<ConformanceCase> Cases { get; }

    public static string Directory => System.IO.Path.Combine(AppContext.BaseDirectory, "Conformance", "fixtures");

    public static string FileNameFor(Version libTorch) => $"libtorch-{libTorch.Major}.{libTorch.Minor}.json";

    /// <summary>The fixture of the running libtorch (major.minor); a missing file fails the calling test.</summary>
    public static ConformanceFixture ForRunningLibTorch()
    {
        string path = System.IO.Path.Combine(Directory, FileNameFor(LibTorchVersion.Current));
        if (!File.Exists(path))
        {
            Assert.Fail($"No conformance fixture for the running libtorch {(global::Interop.Torch.LibTorch.Version)}: {path} does not exist. " +
                        "Record it with that lane's /usr/bin/python3 tests/Interop.Torch.Tests/Conformance/make_fixtures.py " +
                        $"--output tests/Interop.Torch.Tests/Conformance/fixtures/{FileNameFor(LibTorchVersion.Current)}");
        }
        return Load(path);
    }

    // Ops whose results depend on how libtorch splits the work, not on the binding: instance_norm's
    // float32 statistics differ in the sixth digit with the thread count (seen on 2.6), and
    // max_unpool3d with repeated indices keeps whichever write lands last. Their cases are not compared.
    private static readonly HashSet<string> OrderDependentOps = ["instance_norm", "max_unpool3d"];

    public static ConformanceFixture Load(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        var cases = new List<ConformanceCase>();
        int index = 0;
        foreach (JsonElement c in root.GetProperty("cases").EnumerateArray())
        {
            string schema = c.GetProperty("schema").GetString()
                ?? throw new InvalidDataException($"{path}: case {index} has no schema.");
            if (OrderDependentOps.Contains(schema.Split('.')[0]))
            {
                index++;
                continue;
            }
            JsonElement[] args = c.GetProperty("args").EnumerateArray().Select(a => a.Clone()).ToArray();
            JsonElement outputs = c.GetProperty("outputs").Clone();
            JsonElement[]? grads = c.TryGetProperty("grads", out JsonElement g) && g.ValueKind == JsonValueKind.Array
                ? g.EnumerateArray().Select(e => e.Clone()).ToArray()
                : null;
            if (grads is not null && grads.Length != args.Length)
            {
                throw new InvalidDataException($"{path}: case {index} ({schema}) has {grads.Length} grads for {args.Length} args.");
            }
            cases.Add(new ConformanceCase(index, schema, args, outputs, grads));
            index++;
        }
        return new ConformanceFixture(path, root.GetProperty("libtorch").GetString() ?? "",
            root.GetProperty("python_torch").GetString() ?? "", cases);
    }
}
