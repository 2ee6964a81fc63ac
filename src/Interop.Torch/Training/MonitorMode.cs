namespace Interop.Torch;

/// <summary>Which way a monitored value improves, as Keras' <c>mode</c>.</summary>
public enum MonitorMode
{
    /// <summary>Up for names with "acc" in them, down for the rest (losses), as Keras decides.</summary>
    Auto,
    /// <summary>Lower is better.</summary>
    Min,
    /// <summary>Higher is better.</summary>
    Max,
}
