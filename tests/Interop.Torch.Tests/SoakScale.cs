namespace Interop.Torch.Tests;

/// <summary>
/// Sizes for the soak and concurrency tests. The routine run (<c>./build.sh test</c>) runs
/// each at 1/<see cref="Full"/> of its full size, so it takes seconds;
/// <c>INTEROP_SOAK_SCALE=20</c> (what <c>./build.sh soak</c> sets) runs the full sizes.
/// </summary>
internal static class SoakScale
{
    public const int Full = 20;

    public static int Current { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("INTEROP_SOAK_SCALE"), out int scale) && scale > 0 ? scale : 1;

    /// <summary>The iteration count to run for a test whose full size is <paramref name="fullSize"/>.</summary>
    public static int Of(int fullSize) => (int)Math.Max(1, (long)fullSize * Current / Full);
}
