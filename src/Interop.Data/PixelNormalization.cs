namespace Interop.Data;

/// <summary>
/// How a loader turns a raw 8-bit pixel <c>p</c> of channel <c>c</c> into a float:
/// <c>(p / 255f - Mean[c]) / Std[c]</c>, computed in single precision. With one mean and
/// one std the same pair applies to every channel; otherwise there is one pair per channel.
/// </summary>
public sealed class PixelNormalization
{
    /// <summary>Pixels scaled to [0, 1] and nothing more (mean 0, std 1).</summary>
    public static PixelNormalization None { get; } = new(0f, 1f);

    /// <summary>One mean and std for every channel.</summary>
    public PixelNormalization(float mean, float std) : this([mean], [std])
    {
    }

    /// <summary>One mean and std per channel, in channel order.</summary>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, a mean
    /// is not finite, or a std is not finite and positive.</exception>
    public PixelNormalization(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (mean.IsEmpty || mean.Length != std.Length)
        {
            throw new ArgumentException(
                $"Need as many stds as means, at least one each; got {mean.Length} means and {std.Length} stds.",
                nameof(std));
        }
        foreach (float m in mean)
        {
            if (!float.IsFinite(m)) throw new ArgumentException($"Mean {m} is not finite.", nameof(mean));
        }
        foreach (float s in std)
        {
            if (!float.IsFinite(s) || s <= 0) throw new ArgumentException($"Std {s} is not finite and positive.", nameof(std));
        }
        Mean = Array.AsReadOnly(mean.ToArray());
        Std = Array.AsReadOnly(std.ToArray());
    }

    /// <summary>The per-channel means, subtracted after scaling to [0, 1].</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>The per-channel standard deviations, divided by after subtracting the mean.</summary>
    public IReadOnlyList<float> Std { get; }

    /// <inheritdoc/>
    public override string ToString() => $"mean ({string.Join(", ", Mean)}), std ({string.Join(", ", Std)})";
}
