using System.Diagnostics.CodeAnalysis;

namespace Interop.Torch.Tests.Conformance;

internal enum CaseOutcome
{
    /// <summary>Bound, and the result (or gradients) matched the fixture.</summary>
    Matched,
    /// <summary>Bound, and something differed.</summary>
    Mismatched,
    /// <summary>Bound, and the call (or the gradient run) threw.</summary>
    Threw,
    /// <summary>OpInvoker.TryInvoke returned false, or an argument has no C# form here.</summary>
    NotBound,
}

internal sealed record CaseResult(ConformanceCase Case, CaseOutcome Outcome, IReadOnlyList<string> Details)
{
    public bool Failed => Outcome is CaseOutcome.Mismatched or CaseOutcome.Threw;

    public override string ToString() =>
        Details.Count == 0 ? $"{Case} {Outcome}" : $"{Case} {Outcome}: {string.Join("; ", Details)}";
}

/// <summary>
/// Replays the running libtorch's fixture through the generated OpInvoker, once per test run:
/// the forward results of every case, and the gradient run of the cases that have one.
/// </summary>
internal static class ConformanceRun
{
    // Lines of detail kept per case in a failure message.
    private const int DetailsPerCase = 6;

    private static readonly Lazy<ConformanceFixture> FixtureOnce = new(ConformanceFixture.ForRunningLibTorch);
    private static readonly Lazy<IReadOnlyList<CaseResult>> ForwardOnce =
        new(() => FixtureOnce.Value.Cases.Select(RunForward).ToList());
    private static readonly Lazy<IReadOnlyList<CaseResult>> GradientsOnce =
        new(() => FixtureOnce.Value.Cases.Where(c => c.Grads is not null).Select(RunGradients).ToList());

    public static ConformanceFixture Fixture => FixtureOnce.Value;

    /// <summary>Every case, called once with fresh tensors and compared with the recorded outputs.</summary>
    public static IReadOnlyList<CaseResult> Forward => ForwardOnce.Value;

    /// <summary>The cases with recorded gradients, called with floating inputs requiring grad.</summary>
    public static IReadOnlyList<CaseResult> Gradients => GradientsOnce.Value;

    public static CaseResult RunForward(ConformanceCase c)
    {
        if (!TryCall(c, requireGrad: false, out CaseArguments? args, out object? result, out CaseResult? notRun)) return notRun;
        using (args)
        {
            var differences = new List<string>();
            try
            {
                ResultComparer.Compare(c.Outputs, result, "result", differences);
            }
            catch (Exception e)
            {
                differences.Add($"reading the result threw {e.GetType().Name}: {FirstLine(e.Message)}");
            }
            return differences.Count == 0
                ? new CaseResult(c, CaseOutcome.Matched, [])
                : new CaseResult(c, CaseOutcome.Mismatched, Trim(differences));
        }
    }

    // Builds the case's arguments and calls its op through OpInvoker. On success the arguments
    // own the result and the caller disposes them; otherwise `notRun` is the case's outcome (not
    // bound, or the call threw), with the arguments already disposed.
    private static bool TryCall(ConformanceCase c, bool requireGrad, [NotNullWhen(true)] out CaseArguments? args,
        out object? result, [NotNullWhen(false)] out CaseResult? notRun)
    {
        result = null;
        notRun = null;
        try
        {
            args = CaseArguments.Build(c, requireGrad);
        }
        catch (NotSupportedException e)
        {
            args = null;
            notRun = new CaseResult(c, CaseOutcome.NotBound, [e.Message]);
            return false;
        }
        try
        {
            if (OpInvoker.TryInvoke(c.Schema, args.Values, out result))
            {
                args.Own(result);
                return true;
            }
            notRun = new CaseResult(c, CaseOutcome.NotBound, []);
        }
        catch (Exception e)
        {
            notRun = new CaseResult(c, CaseOutcome.Threw, [$"{e.GetType().Name}: {FirstLine(e.Message)}"]);
        }
        args.Dispose();
        args = null;
        return false;
    }

    /// <summary>
    /// As make_fixtures.py's gradient run: the floating inputs require grad, the sum of every
    /// floating output (in result order, total = s0 + s1 + ...) is backpropagated, and each
    /// input's gradient is compared.
    /// </summary>
    public static CaseResult RunGradients(ConformanceCase c)
    {
        JsonGrads grads = new(c.Grads!);
        if (!TryCall(c, requireGrad: true, out CaseArguments? args, out object? result, out CaseResult? notRun)) return notRun;
        using (args)
        {
            var differences = new List<string>();
            try
            {
                var floating = new List<Tensor>();
                FloatingTensors(result, floating);
                if (floating.Count == 0)
                {
                    differences.Add("the result has no float32/float64 tensor to sum");
                }
                else
                {
                    Tensor total = Torch.Sum(floating[0]);
                    args.Own(total);
                    for (int i = 1; i < floating.Count; i++)
                    {
                        using Tensor sum = Torch.Sum(floating[i]);
                        total = Torch.Add(total, sum);
                        args.Own(total);
                    }
                    total.Backward();
                    grads.Compare(args.Leaves, differences, ResultComparer.GradientTolerance(c.OpName));
                }
            }
            catch (Exception e)
            {
                differences.Add($"the gradient run threw {e.GetType().Name}: {FirstLine(e.Message)}");
            }
            return differences.Count == 0
                ? new CaseResult(c, CaseOutcome.Matched, [])
                : new CaseResult(c, CaseOutcome.Mismatched, Trim(differences));
        }
    }

    /// <summary>The float32/float64 tensors of a result: a Tensor, Tensor[] elements, tuple elements, in order.</summary>
    public static void FloatingTensors(object? result, List<Tensor> into)
    {
        switch (result)
        {
            case Tensor t:
                if (t.IsDefined && FixtureValue.IsFloating(t.DType)) into.Add(t);
                break;
            case object?[] list:
                foreach (object? o in list) FloatingTensors(o, into);
                break;
        }
    }

    private static List<string> Trim(List<string> differences)
    {
        if (differences.Count <= DetailsPerCase) return differences;
        var kept = differences.Take(DetailsPerCase).ToList();
        kept.Add($"and {differences.Count - DetailsPerCase} more differences");
        return kept;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n');
        return end < 0 ? message : message[..end];
    }
}
