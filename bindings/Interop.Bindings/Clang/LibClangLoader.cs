using System.Reflection;
using System.Runtime.InteropServices;

namespace Interop.Bindings.Clang;

// Finds libclang at run time: distributions install it under versioned names only
// (no plain libclang.so without the -dev package), so the default probing fails.
internal static class LibClangLoader
{
    private const string PathVariable = "LIBCLANG_PATH";

    private static readonly string[] KnownLocations =
    [
        "libclang-14.so.1",
        "libclang.so.1",
        "/usr/lib/llvm-14/lib/libclang.so.1",
    ];

    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(LibClangLoader).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibClang.LibraryName)
        {
            return IntPtr.Zero;
        }

        var candidates = Candidates().ToList();
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"libclang could not be loaded; tried {string.Join(", ", candidates)}. " +
            $"Install it with `apt-get install libclang1-14`, or set {PathVariable} to its path.");
    }

    private static IEnumerable<string> Candidates()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            yield return configured;
        }

        foreach (var location in KnownLocations)
        {
            yield return location;
        }
    }
}
