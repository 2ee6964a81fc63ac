using System.Runtime.InteropServices;

namespace Interop.Torch.Tests;

/// <summary>Process-wide memory readings for the soak tests.</summary>
internal static class SoakMemory
{
    public const long MiB = 1024 * 1024;

    /// <summary>Resident set size now, from /proc/self/statm (Process.WorkingSet64 allocates and caches).</summary>
    public static long Rss()
    {
        Span<char> text = stackalloc char[128];
        using var reader = new StreamReader("/proc/self/statm");
        int length = reader.Read(text);
        ReadOnlySpan<char> fields = text[..length];
        fields = fields[(fields.IndexOf(' ') + 1)..];
        long pages = long.Parse(fields[..fields.IndexOf(' ')]);
        return pages * Environment.SystemPageSize;
    }

    /// <summary>
    /// Runs every pending finalizer, so tensors dropped earlier do not move the readings mid-test,
    /// then hands glibc's free heap pages back to the system: without that, what an earlier test
    /// freed (the finalizer test's 100,000 tensors) stays resident or leaves at a random moment,
    /// and readings moved by several MiB either way with nothing leaking.
    /// </summary>
    public static void Settle()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        malloc_trim(0);
    }

    [DllImport("libc")]
    private static extern int malloc_trim(nuint pad);

    public static long SettledLiveHandles()
    {
        Settle();
        return LibTorch.LiveHandles;
    }

    public static long SettledRss()
    {
        Settle();
        return Rss();
    }
}
