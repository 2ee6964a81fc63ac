using System.Text.Json;

namespace Interop.Torch.Tests.Conformance;

/// <summary>A floating input tensor that the gradient run marks as requiring grad.</summary>
/// <param name="Arg">The argument's position.</param>
/// <param name="Element">The position in a Tensor[] argument, or -1 for a Tensor argument.</param>
internal readonly record struct GradientLeaf(int Arg, int Element, Tensor Tensor);

/// <summary>
/// The OpInvoker arguments of one case, built fresh from the fixture, and every tensor made for
/// it or returned by it, disposed together.
/// </summary>
internal sealed class CaseArguments : IDisposable
{
    private readonly List<Tensor> owned = [];

    private CaseArguments(int count) => Values = new object?[count];

    /// <summary>One entry per schema argument, typed as OpInvoker.TryInvoke expects.</summary>
    public object?[] Values { get; }

    /// <summary>The float32/float64 tensors of Tensor and Tensor[] arguments, when built for the gradient run.</summary>
    public List<GradientLeaf> Leaves { get; } = [];

    /// <summary>
    /// Builds the arguments of <paramref name="c"/>. With <paramref name="requireGrad"/>, every
    /// float32/float64 tensor of a Tensor or Tensor[] argument (not of a Tensor?[] one) requires
    /// grad, as in make_fixtures.py's gradient run.
    /// </summary>
    public static CaseArguments Build(ConformanceCase c, bool requireGrad = false)
    {
        var made = new CaseArguments(c.Args.Length);
        try
        {
            for (int i = 0; i < c.Args.Length; i++) made.Values[i] = made.Build(c.Args[i], i, requireGrad);
            return made;
        }
        catch
        {
            made.Dispose();
            throw;
        }
    }

    /// <summary>Takes the tensors of an op's result, to dispose with the arguments.</summary>
    public void Own(object? result)
    {
        switch (result)
        {
            case Tensor t:
                owned.Add(t);
                break;
            case Tensor[] list:
                foreach (Tensor? t in list) if (t is not null) owned.Add(t);
                break;
            case object?[] tuple:
                foreach (object? o in tuple) Own(o);
                break;
        }
    }

    public void Own(Tensor t) => owned.Add(t);

    // Dispose is idempotent, so a result that is one of the arguments (an in-place op's self) is fine.
    public void Dispose()
    {
        foreach (Tensor t in owned) t.Dispose();
        owned.Clear();
    }

    private object? Build(JsonElement value, int arg, bool requireGrad)
    {
        var (kind, body) = FixtureValue.Single(value);
        switch (kind)
        {
            case "tensor":
                {
                    Tensor t = Keep(FixtureValue.MakeTensor(body));
                    if (requireGrad && FixtureValue.IsFloating(t.DType))
                    {
                        t.RequiresGrad = true;
                        Leaves.Add(new GradientLeaf(arg, -1, t));
                    }
                    return t;
                }
            case "tensors":
                {
                    var list = new Tensor[body.GetArrayLength()];
                    int k = 0;
                    foreach (JsonElement e in body.EnumerateArray())
                    {
                        Tensor t = Keep(FixtureValue.MakeTensor(e));
                        if (requireGrad && FixtureValue.IsFloating(t.DType))
                        {
                            t.RequiresGrad = true;
                            Leaves.Add(new GradientLeaf(arg, k, t));
                        }
                        list[k++] = t;
                    }
                    return list;
                }
            case "optional_tensors":
                {
                    var list = new Tensor?[body.GetArrayLength()];
                    int k = 0;
                    foreach (JsonElement e in body.EnumerateArray())
                    {
                        list[k++] = e.ValueKind == JsonValueKind.Null ? null : Keep(FixtureValue.MakeTensor(e));
                    }
                    return list;
                }
            case "none":
                return null;
            case "int":
                return body.GetInt64();
            case "ints":
                return body.EnumerateArray().Select(e => e.GetInt64()).ToArray();
            case "float":
                return FixtureValue.Double(body);
            case "floats":
                return body.EnumerateArray().Select(FixtureValue.Double).ToArray();
            case "bool":
                return body.GetBoolean();
            case "bools":
                return body.EnumerateArray().Select(e => e.GetBoolean()).ToArray();
            case "scalar":
                return FixtureValue.MakeScalar(body);
            case "dtype":
                return FixtureValue.ParseDType(body.GetString());
            case "str":
                return body.GetString();
            case "device":
                return Device.Parse(body.GetString() ?? "");
            case "memory_format":
                return FixtureValue.ParseEnum("MemoryFormat", body.GetString() ?? "");
            case "layout":
                return FixtureValue.ParseEnum("Layout", body.GetString() ?? "");
            default:
                throw new InvalidDataException($"Unknown fixture argument kind '{kind}'.");
        }
    }

    private Tensor Keep(Tensor t)
    {
        owned.Add(t);
        return t;
    }
}
