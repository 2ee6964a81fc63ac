using System.Runtime.CompilerServices;

namespace Interop.Bench;

/// <summary>Finds libitorch_bench.so where the shim itself is found (see Interop.Torch's NativeLoading).</summary>
internal static class NativeLoading
{
    internal const string PathVariable = "INTEROP_ITORCH_BENCH_PATH";

    private const string Hint =
        "To fix: build it with ./build.sh (it lands in runtimes/linux-x64/native beside the assembly), " +
        "or set " + PathVariable + " to libitorch_bench.so or its folder.";

#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibraryLoader.Register(typeof(NativeLoading).Assembly, "itorch_bench", "libitorch_bench.so", PathVariable, Hint);
}
