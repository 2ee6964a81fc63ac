namespace Interop.DistributedCheck;

/// <summary>A collective or a training run gave a value other than the expected one.</summary>
internal sealed class WrongValueException(string message) : Exception(message);
