using System.Reflection;
using System.Runtime.InteropServices;

namespace Interop.Bindings.Clang;

// Finds libclang at run time: distributions install it under versioned names only
// (no plain libclang.so without the -dev package), so the default probing fails.
internal static class LibClangLoader
{
    private const string PathVariable = "LIBCLANG_PATH";

    // Debian installs each clang release N as libclang-N.so.1, and a folder /usr/lib/llvm-N
    // (14 on Debian 12, 19 on trixie, 21 on sid); the newest present is tried first.
    private const string LlvmFolders = "/usr/lib";

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
            $"Install it (Debian: `apt-get install libclang1-N`, N being your release's clang, 14 on Debian 12), or set {PathVariable} to its path.");
    }

    private static IEnumerable<string> Candidates()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            yield return configured;
        }

        IEnumerable<string> installed = Directory.Exists(LlvmFolders)
            ? Directory.GetDirectories(LlvmFolders, "llvm-*").OrderByDescending(LlvmVersion)
            : [];
        foreach (var folder in installed)
        {
            yield return $"libclang-{LlvmVersion(folder)}.so.1";
        }

        yield return "libclang.so.1";
    }

    private static int LlvmVersion(string folder) =>
        int.TryParse(Path.GetFileName(folder).AsSpan("llvm-".Length), out var version) ? version : -1;
}
