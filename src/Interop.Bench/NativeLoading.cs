using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Bench;

/// <summary>Finds libitorch_bench.so where the shim itself is found (see Interop.Torch's NativeLoading).</summary>
internal static class NativeLoading
{
    internal const string PathVariable = "INTEROP_ITORCH_BENCH_PATH";

    private const string Hint =
        "To fix: build it with ./build.sh (it lands in runtimes/linux-x64/native beside the assembly), " +
        "or set " + PathVariable + " to libitorch_bench.so or its folder.";

    // A module initializer is the one place that runs before any import in this assembly is bound.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLoading).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "itorch_bench" ? NativeLibraryLoader.Load("libitorch_bench.so", PathVariable, assembly, Hint) : 0;
}
