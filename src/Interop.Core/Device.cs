namespace Interop;

/// <summary>Kind of device a tensor lives on. The values are the shim's device codes.</summary>
public enum DeviceType
{
    /// <summary>Host memory.</summary>
    Cpu = 0,
    /// <summary>An NVIDIA GPU.</summary>
    Cuda = 1,
}

/// <summary>A device: the CPU, or a CUDA GPU by index. <c>default</c> is the CPU.</summary>
public readonly record struct Device(DeviceType Type, int Index)
{
    /// <summary>The CPU.</summary>
    public static Device Cpu => default;

    /// <summary>The CUDA GPU with the given index.</summary>
    public static Device Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new Device(DeviceType.Cuda, index);
    }

    /// <summary>Parses "cpu", "cuda" or "cuda:N", as PyTorch spells devices.</summary>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("cpu", StringComparison.OrdinalIgnoreCase)) return Cpu;
        if (text.Equals("cuda", StringComparison.OrdinalIgnoreCase)) return Cuda();
        if (text.StartsWith("cuda:", StringComparison.OrdinalIgnoreCase) &&
            int.TryParse(text.AsSpan(5), out int index) && index >= 0)
        {
            return Cuda(index);
        }
        throw new FormatException($"'{text}' is not a device; expected cpu, cuda or cuda:N.");
    }

    /// <inheritdoc/>
    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
