namespace Interop.Bindings;

/// <summary>
/// The header cannot be turned into bindings: clang rejected it, or it uses a type the ABI
/// rules do not allow. The message is meant for the person editing the header.
/// </summary>
internal sealed class BindingException(string message) : Exception(message);
