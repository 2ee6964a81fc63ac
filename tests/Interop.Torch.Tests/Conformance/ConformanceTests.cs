using Xunit.Abstractions;

namespace Interop.Torch.Tests.Conformance;

/// <summary>
/// The generated ATen op layer against Python PyTorch on the same libtorch: every fixture case
/// (make_fixtures.py) is replayed through OpInvoker and compared. A schema the layer does not bind
/// is listed, not failed; a bound one that throws or differs fails, all of them in one message.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>Distinct op names that must be bound and match on every lane.</summary>
    public const int RequiredOps = 400;

    [Fact]
    public void EveryBoundCaseMatchesPyTorch()
    {
        ConformanceFixture fixture = ConformanceRun.Fixture;
        IReadOnlyList<CaseResult> results = ConformanceRun.Forward;
        var failed = results.Where(r => r.Failed).ToList();
        var notBound = results.Where(r => r.Outcome == CaseOutcome.NotBound).ToList();
        output.WriteLine($"{fixture.Path}: recorded on libtorch {fixture.LibTorch} (Python torch {fixture.PythonTorch}); running libtorch {LibTorch.Version}");
        output.WriteLine($"{results.Count} cases: {Count(results, CaseOutcome.Matched)} matched, {Count(results, CaseOutcome.Mismatched)} differ, " +
                         $"{Count(results, CaseOutcome.Threw)} threw, {notBound.Count} not bound");
        ListNotBound(notBound);
        if (failed.Count > 0)
        {
            int bound = results.Count - notBound.Count;
            Assert.Fail($"{failed.Count} of {bound} bound cases differ from PyTorch or throw (libtorch {LibTorch.Version}, fixture {fixture.Path}):\n" +
                        string.Join("\n", failed));
        }
    }

    [Fact]
    public void AtLeast400OpsAreBoundAndMatch()
    {
        IReadOnlyList<CaseResult> results = ConformanceRun.Forward;
        var recorded = results.Select(r => r.Case.OpName).Distinct().Count();
        var matched = results.Where(r => r.Outcome == CaseOutcome.Matched).Select(r => r.Case.OpName).ToHashSet();
        var bound = results.Where(r => r.Outcome != CaseOutcome.NotBound).Select(r => r.Case.OpName).ToHashSet();
        output.WriteLine($"{recorded} ops recorded, {bound.Count} bound, {matched.Count} bound and matching in at least one case");
        Assert.True(matched.Count >= RequiredOps,
            $"Only {matched.Count} distinct ops were bound and matched PyTorch on libtorch {LibTorch.Version} " +
            $"({bound.Count} bound of {recorded} recorded); at least {RequiredOps} are required.");
    }

    private void ListNotBound(List<CaseResult> notBound)
    {
        if (notBound.Count == 0) return;
        var schemas = notBound.GroupBy(r => r.Case.Schema).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        output.WriteLine($"not bound ({schemas.Count} schemas, {notBound.Count} cases):");
        foreach (var g in schemas)
        {
            string why = g.SelectMany(r => r.Details).FirstOrDefault() is { } reason ? $" ({reason})" : "";
            output.WriteLine($"  {g.Key}{why}");
        }
    }

    private static int Count(IReadOnlyList<CaseResult> results, CaseOutcome outcome) => results.Count(r => r.Outcome == outcome);
}
