namespace Interop.Torch;

/// <summary>The order of a dense tensor's dimensions in memory. The values are c10::MemoryFormat's.</summary>
public enum MemoryFormat
{
    /// <summary>Row-major.</summary>
    Contiguous = 0,
    /// <summary>Keep the input's order.</summary>
    Preserve = 1,
    /// <summary>NHWC for 4-D tensors.</summary>
    ChannelsLast = 2,
    /// <summary>NDHWC for 5-D tensors.</summary>
    ChannelsLast3d = 3,
}
