using System.Runtime.CompilerServices;

namespace Interop.Torch;

/// <summary>Resolves the generated imports' library name "itorch" to the shipped shim.</summary>
internal static class NativeLoading
{
    internal const string PathVariable = "INTEROP_ITORCH_PATH";

    private const string Hint =
        "To fix: build the shim with ./build.sh (it lands in runtimes/linux-x64/native beside the assembly), " +
        "or set " + PathVariable + " to libitorch.so or its folder. If the shim was found but libtorch was not, " +
        "install it (apt-get install libtorch-dev) or add the libtorch lib folder to LD_LIBRARY_PATH.";

#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibraryLoader.Register(typeof(NativeLoading).Assembly, "itorch", "libitorch.so", PathVariable, Hint);
}
