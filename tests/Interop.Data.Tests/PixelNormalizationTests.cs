namespace Interop.Data.Tests;

public sealed class PixelNormalizationTests
{
    [Fact]
    public void None_IsMeanZeroStdOne()
    {
        Assert.Equal([0f], PixelNormalization.None.Mean);
        Assert.Equal([1f], PixelNormalization.None.Std);
    }

    [Fact]
    public void Constructor_CopiesTheValues()
    {
        float[] mean = [0.1f, 0.2f];
        var normalization = new PixelNormalization(mean, [0.3f, 0.4f]);
        mean[0] = 9;

        Assert.Equal([0.1f, 0.2f], normalization.Mean);
        Assert.Equal([0.3f, 0.4f], normalization.Std);
        Assert.Equal("mean (0.1, 0.2), std (0.3, 0.4)", normalization.ToString());
    }

    [Fact]
    public void Constructor_RejectsMismatchedLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new PixelNormalization([0.1f, 0.2f], [0.3f]));
        Assert.StartsWith("Need as many stds as means, at least one each; got 2 means and 1 stds.", e.Message);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    public void Constructor_RejectsStdThatIsNotPositive(float std)
    {
        var e = Assert.Throws<ArgumentException>(() => new PixelNormalization(0.5f, std));
        Assert.Equal("std", e.ParamName);
    }

    [Fact]
    public void Constructor_RejectsInfiniteMean()
    {
        var e = Assert.Throws<ArgumentException>(() => new PixelNormalization(float.PositiveInfinity, 1f));
        Assert.Equal("mean", e.ParamName);
    }
}
