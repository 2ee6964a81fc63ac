namespace Interop.Torch;

/// <summary>
/// What one epoch of Fit logged, as Keras' <c>logs</c>: <c>loss</c> and each metric on the
/// training data, the same under <c>val_</c> on the validation data, and the optimizer's
/// <c>learning_rate</c> at the epoch's end.
/// </summary>
public sealed class EpochLog
{
    internal EpochLog(int epoch, IReadOnlyDictionary<string, double> values, TimeSpan duration)
    {
        Epoch = epoch;
        Values = values;
        Duration = duration;
    }

    /// <summary>The epoch, counted from 1.</summary>
    public int Epoch { get; }

    /// <summary>Every logged value by name.</summary>
    public IReadOnlyDictionary<string, double> Values { get; }

    /// <summary>Wall-clock time of the epoch, validation included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The value logged as <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">Nothing was logged under that name; the message lists what was.</exception>
    public double this[string name] => Values.TryGetValue(name, out double value) ? value
        : throw new KeyNotFoundException($"Epoch {Epoch} logged no '{name}'; it logged {string.Join(", ", Values.Keys)}.");
}
