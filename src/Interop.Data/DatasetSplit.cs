namespace Interop.Data;

/// <summary>Which half of a dataset to load.</summary>
public enum DatasetSplit
{
    /// <summary>The training samples.</summary>
    Train,
    /// <summary>The held-out test samples.</summary>
    Test,
}
