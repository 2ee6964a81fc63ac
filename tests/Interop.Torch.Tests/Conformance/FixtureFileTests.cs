namespace Interop.Torch.Tests.Conformance;

/// <summary>The committed fixtures themselves: one per lane, each readable and large enough to hold the requirements.</summary>
public sealed class FixtureFileTests
{
    [Theory]
    [InlineData("libtorch-1.13.json")]
    [InlineData("libtorch-2.6.json")]
    [InlineData("libtorch-2.14.json")]
    public void EachLaneHasAFixtureWithEnoughOpsAndGradients(string file)
    {
        string path = Path.Combine(ConformanceFixture.Directory, file);
        Assert.True(File.Exists(path), $"{path} is missing: record it with make_fixtures.py in that lane.");
        ConformanceFixture fixture = ConformanceFixture.Load(path);
        int ops = fixture.Cases.Select(c => c.OpName).Distinct().Count();
        int grads = fixture.Cases.Count(c => c.Grads is not null);
        Assert.True(ops >= ConformanceTests.RequiredOps, $"{file} records {ops} distinct ops; the lanes require {ConformanceTests.RequiredOps}.");
        Assert.True(grads >= GradientConformanceTests.RequiredCases, $"{file} records {grads} gradient cases; the lanes require {GradientConformanceTests.RequiredCases}.");
        foreach (ConformanceCase c in fixture.Cases)
        {
            // Every input must be buildable here (no unknown kinds or dtypes), whatever the op layer binds.
            foreach (var arg in c.Args)
            {
                var (kind, _) = FixtureValue.Single(arg);
                Assert.Contains(kind, KnownArgumentKinds);
            }
        }
    }

    [Fact]
    public void TheRunningLibTorchHasAFixture()
    {
        ConformanceFixture fixture = ConformanceFixture.ForRunningLibTorch();
        Assert.NotEmpty(fixture.Cases);
    }

    private static readonly string[] KnownArgumentKinds =
    [
        "tensor", "tensors", "optional_tensors", "none", "int", "ints", "float", "floats", "bool", "bools",
        "scalar", "dtype", "str", "device", "memory_format", "layout",
    ];
}
