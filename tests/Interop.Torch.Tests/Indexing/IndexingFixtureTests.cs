using System.Globalization;
using System.Text.Json;

namespace Interop.Torch.Tests.Indexing;

/// <summary>
/// The indexer against Python PyTorch: every case of Fixtures/indexing_cases.json (written by
/// Fixtures/make_indexing_fixture.py with Debian's python3-torch) indexes
/// <c>x = torch.arange(120).view(2, 3, 4, 5)</c> with a subscript written as in Python, here parsed
/// into <see cref="TensorIndex"/> entries, and must give Python's shape, elements, storage sharing,
/// assignment result, or exception kind.
/// </summary>
public class IndexingFixtureTests
{
    private static readonly JsonElement Fixture = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "indexing_cases.json"))).RootElement;

    public static TheoryData<string> Gets()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in Fixture.GetProperty("gets").EnumerateArray()) data.Add(c.GetProperty("subscript").GetString()!);
        return data;
    }

    public static TheoryData<string, string> Sets()
    {
        var data = new TheoryData<string, string>();
        foreach (JsonElement c in Fixture.GetProperty("sets").EnumerateArray())
        {
            data.Add(c.GetProperty("subscript").GetString()!, c.GetProperty("value").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Gets))]
    public void Read_MatchesPyTorch(string subscript)
    {
        JsonElement expected = Case("gets", subscript, null);
        using var named = new NamedTensors();
        using Tensor x = Base();
        TensorIndex[] indices = Parse(subscript, named);

        if (subscript.Contains("i32") && LibTorchVersion.AtLeast(2, 0))
        {
            // 1.13 rejects Int32 positions, which 2.x takes as it takes Int64 ones.
            using Tensor wide = named["i32"].To(DType.Int64);
            TensorIndex[] wideIndices = Parse(subscript, name => name == "i32" ? wide : named[name]);
            Exception? wideError = Record.Exception(() => x[wideIndices].Dispose());
            if (wideError is not null)
            {
                // Both refuse the same way, e.g. a position out of range.
                Exception narrowError = Assert.ThrowsAny<Exception>(() => x[indices].Dispose());
                Assert.Equal(wideError.GetType(), narrowError.GetType());
                Assert.Equal(wideError.Message, narrowError.Message);
                return;
            }
            using Tensor viaInt64 = x[wideIndices];
            using Tensor viaInt32 = x[indices];
            Assert.Equal(viaInt64.Shape, viaInt32.Shape);
            Assert.Equal(viaInt64.ToArray<long>(), viaInt32.ToArray<long>());
            return;
        }
        if (expected.TryGetProperty("error", out JsonElement error))
        {
            ExpectFailure(error.GetString()!, () => x[indices]);
            return;
        }
        using Tensor r = x[indices];
        Assert.Equal(Longs(expected.GetProperty("shape")), r.Shape);
        Assert.Equal(Longs(expected.GetProperty("values")), r.ToArray<long>());
        if (r.Numel == 0) return;

        // Whether the result shares x's storage: writing -1 through it shows in x, or not at all.
        bool view = expected.GetProperty("view").GetBoolean();
        r.FillInPlace(-1);
        long changed = x.ToArray<long>().Count(v => v == -1);
        Assert.Equal(view ? r.Numel : 0, changed);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Assignment_MatchesPyTorch(string subscript, string value)
    {
        JsonElement expected = Case("sets", subscript, value);
        using var named = new NamedTensors();
        using Tensor x = Base();
        TensorIndex[] indices = Parse(subscript, named);
        Tensor? values = char.IsLetter(value[0]) ? named[value] : null;
        Action assign = values is not null
            ? () => x[indices] = values
            : value.Contains('.')
                ? () => x.SetItem(double.Parse(value, CultureInfo.InvariantCulture), indices)
                : () => x.SetItem(long.Parse(value, CultureInfo.InvariantCulture), indices);

        if (expected.TryGetProperty("error", out JsonElement error))
        {
            ExpectFailure(error.GetString()!, () => { assign(); return null; });
            return;
        }
        assign();
        Assert.Equal(Longs(expected.GetProperty("values")), x.ToArray<long>());
    }

    [Fact]
    public void Fixture_WasWrittenByTheLibTorchTheShimUses()
    {
        // The fixture records 1.13's answers; the cases whose meaning changed in 2.x are written in 2.x's.
        Assert.StartsWith("1.13", Fixture.GetProperty("torch").GetString());
        Assert.True(Gets().Count >= 60);
        Assert.True(Sets().Count >= 25);
    }

    private static void ExpectFailure(string pythonError, Func<object?> call)
    {
        long live = LibTorch.LiveHandles;
        if (pythonError == "IndexError")
        {
            var e = Assert.Throws<TorchIndexException>(call);
            Assert.Equal(TorchErrorCode.Index, e.ErrorCode);
            Assert.False(string.IsNullOrWhiteSpace(e.NativeMessage));
        }
        else
        {
            // Python's ValueError and RuntimeError: libtorch raises a TorchException of some kind.
            Assert.IsAssignableFrom<TorchException>(Record.Exception(call));
        }
        Assert.Equal(live, LibTorch.LiveHandles);
    }

    private static JsonElement Case(string kind, string subscript, string? value) =>
        Fixture.GetProperty(kind).EnumerateArray().Single(c =>
            c.GetProperty("subscript").GetString() == subscript &&
            (value is null || c.GetProperty("value").GetString() == value));

    private static Tensor Base()
    {
        using Tensor flat = Tensor.Arange(120);
        return flat.Reshape([2, 3, 4, 5]);
    }

    private static long[] Longs(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt64()).ToArray();

    // A subscript as Python writes it: "1, :, -2:", "::2", "...", "None", or a name of "tensors".
    internal static TensorIndex[] Parse(string subscript, Func<string, Tensor> named)
    {
        string[] parts = subscript.Split(',', StringSplitOptions.TrimEntries);
        var indices = new TensorIndex[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            if (part == "...") indices[i] = TensorIndex.Ellipsis;
            else if (part == "None") indices[i] = TensorIndex.NewAxis;
            else if (char.IsLetter(part[0])) indices[i] = named(part);
            else if (part.Contains(':'))
            {
                string[] bounds = part.Split(':');
                indices[i] = TensorIndex.Slice(Bound(bounds[0]), Bound(bounds[1]),
                    bounds.Length > 2 && bounds[2].Length > 0 ? long.Parse(bounds[2], CultureInfo.InvariantCulture) : 1);
            }
            else indices[i] = long.Parse(part, CultureInfo.InvariantCulture);
        }
        return indices;
    }

    private static TensorIndex[] Parse(string subscript, NamedTensors named) => Parse(subscript, name => named[name]);

    private static long? Bound(string text) => text.Length == 0 ? null : long.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The fixture's named tensors, made on first use and disposed together.</summary>
    private sealed class NamedTensors : IDisposable
    {
        private readonly Dictionary<string, Tensor> made = [];

        public Tensor this[string name]
        {
            get
            {
                if (made.TryGetValue(name, out Tensor? t)) return t;
                JsonElement spec = Fixture.GetProperty("tensors").GetProperty(name);
                long[] shape = Longs(spec.GetProperty("shape"));
                JsonElement values = spec.GetProperty("values");
                using Tensor flat = spec.GetProperty("dtype").GetString() switch
                {
                    "bool" => Tensor.FromData<bool>(values.EnumerateArray().Select(v => v.GetBoolean()).ToArray()),
                    "int32" => Tensor.FromData<int>(values.EnumerateArray().Select(v => v.GetInt32()).ToArray()),
                    _ => Tensor.FromData<long>(values.EnumerateArray().Select(v => v.GetInt64()).ToArray()),
                };
                // Reshape, not FromData's shape: a 0-dimensional tensor has the shape [].
                return made[name] = flat.Reshape(shape);
            }
        }

        public void Dispose()
        {
            foreach (Tensor t in made.Values) t.Dispose();
        }
    }
}
