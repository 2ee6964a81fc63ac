using Xunit.Abstractions;

namespace Interop.Torch.Tests.Conformance;

/// <summary>
/// Autograd through the generated op layer against Python PyTorch: for each fixture case with
/// recorded gradients, the floating inputs require grad, the floating outputs are summed and
/// backpropagated, and each input's gradient is compared.
/// </summary>
public sealed class GradientConformanceTests(ITestOutputHelper output)
{
    /// <summary>Cases whose gradients must be bound and match on every lane.</summary>
    public const int RequiredCases = 100;

    [Fact]
    public void GradientsMatchPyTorch()
    {
        IReadOnlyList<CaseResult> results = ConformanceRun.Gradients;
        var failed = results.Where(r => r.Failed).ToList();
        int matched = results.Count(r => r.Outcome == CaseOutcome.Matched);
        int notBound = results.Count(r => r.Outcome == CaseOutcome.NotBound);
        output.WriteLine($"{results.Count} cases with gradients: {matched} matched, {failed.Count} differ or throw, {notBound} not bound " +
                         $"({results.Where(r => r.Outcome == CaseOutcome.Matched).Select(r => r.Case.OpName).Distinct().Count()} ops matched)");
        if (failed.Count > 0)
        {
            Assert.Fail($"{failed.Count} of {results.Count - notBound} bound gradient cases differ from PyTorch or throw " +
                        $"(libtorch {LibTorch.Version}, fixture {ConformanceRun.Fixture.Path}):\n" + string.Join("\n", failed));
        }
        Assert.True(matched >= RequiredCases,
            $"Only {matched} gradient cases were bound and matched PyTorch on libtorch {LibTorch.Version}; at least {RequiredCases} are required.");
    }
}
