namespace Interop.Torch;

/// <summary>How a tensor's elements are stored. The values are c10::Layout's.</summary>
public enum Layout
{
    /// <summary>Dense, with sizes and strides.</summary>
    Strided = 0,
    /// <summary>Sparse COO: indices and values.</summary>
    Sparse = 1,
    /// <summary>Sparse compressed rows.</summary>
    SparseCsr = 2,
    /// <summary>oneDNN's blocked layout.</summary>
    Mkldnn = 3,
}
