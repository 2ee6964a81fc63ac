namespace Interop.Torch;

/// <summary>What Fit returns, as Keras' <c>History</c>: one log per epoch trained.</summary>
public sealed class FitHistory : IReadOnlyList<EpochLog>
{
    private readonly List<EpochLog> epochs = [];

    /// <inheritdoc/>
    public EpochLog this[int index] => epochs[index];

    /// <summary>The value of <paramref name="name"/> epoch after epoch: Keras' <c>history.history[name]</c>.</summary>
    public IReadOnlyList<double> this[string name] => epochs.Select(epoch => epoch[name]).ToArray();

    /// <inheritdoc/>
    public int Count => epochs.Count;

    internal void Add(EpochLog log) => epochs.Add(log);

    /// <inheritdoc/>
    public IEnumerator<EpochLog> GetEnumerator() => epochs.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
