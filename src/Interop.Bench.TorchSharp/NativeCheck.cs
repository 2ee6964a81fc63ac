using System.Runtime.InteropServices;

namespace Interop.Bench.TorchSharp;

/// <summary>
/// Loads TorchSharp's native library before TorchSharp does, so that one which cannot load is
/// reported with the loader's own reason (on Debian 12: "version `GLIBCXX_3.4.32' not found").
/// TorchSharp's message blames a missing package reference instead, after copying all of
/// libtorch (500 MB) into a cpu/ folder beside the program to try again from there.
/// </summary>
internal static class NativeCheck
{
    public static void Run()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        // Elsewhere than Linux x64 the library has another name; TorchSharp's own search applies.
        if (!File.Exists(path)) return;
        try
        {
            NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new NotSupportedException($"TorchSharp's native library does not load here: {e.Message}", e);
        }
    }
}
