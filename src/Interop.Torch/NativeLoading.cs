using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Torch;

/// <summary>Resolves the generated imports' library name "itorch" to the shipped shim.</summary>
internal static class NativeLoading
{
    internal const string PathVariable = "INTEROP_ITORCH_PATH";

    private const string Hint =
        "To fix: build the shim with ./build.sh (it lands in runtimes/linux-x64/native beside the assembly), " +
        "or set " + PathVariable + " to libitorch.so or its folder. If the shim was found but libtorch was not, " +
        "install it (apt-get install libtorch-dev) or add the libtorch lib folder to LD_LIBRARY_PATH.";

    // A module initializer is the one place that runs before any import in this assembly is bound.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLoading).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "itorch" ? NativeLibraryLoader.Load("libitorch.so", PathVariable, assembly, Hint) : 0;
}
