namespace Interop.Cli.Bench;

/// <summary>
/// The study's random data: uint8 images scaled to [0, 1], and targets that are random 0/1
/// over every output (binary cross-entropy) or random class indices (cross-entropy).
/// Seeded, so every run times the same numbers.
/// </summary>
internal static class StudyData
{
    private const int Seed = 20_241_122;

    public static float[] Images(long count)
    {
        var random = new Random(Seed);
        var images = new float[count];
        for (long i = 0; i < count; i++) images[i] = random.Next(256) / 255f;
        return images;
    }

    public static float[] BinaryTargets(long count)
    {
        var random = new Random(Seed + 1);
        var targets = new float[count];
        for (long i = 0; i < count; i++) targets[i] = random.Next(2);
        return targets;
    }

    public static long[] ClassTargets(int batch, int classes)
    {
        var random = new Random(Seed + 2);
        var targets = new long[batch];
        for (int i = 0; i < batch; i++) targets[i] = random.Next(classes);
        return targets;
    }
}
