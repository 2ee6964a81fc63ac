using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Interop.Cli.Bench;

/// <summary>
/// Fixed glibc malloc thresholds for every engine. By default glibc moves its mmap threshold
/// as blocks are freed and returns the top of the heap to the kernel, so whether libtorch's
/// multi-megabyte activations come from the heap or from fresh, page-faulting mmaps depends on
/// each process's history: the same SimpleCNN inference ran at 15 ms in one process and 23 ms
/// in the next, in every engine. Fixed thresholds make each process take the fast path; the
/// engines then differ by their own work only.
/// </summary>
internal static partial class MallocThresholds
{
    // glibc's largest mmap threshold on 64-bit; larger blocks are mapped as before.
    private const int MmapThresholdBytes = 32 << 20;
    private const int TrimThresholdBytes = 1 << 30;
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    public static string Description { get; } = string.Create(CultureInfo.InvariantCulture,
        $"glibc malloc thresholds fixed for every engine: mmap {MmapThresholdBytes >> 20} MiB, trim {TrimThresholdBytes >> 20} MiB");

    /// <summary>Sets the thresholds in this process (before the first timed step).</summary>
    public static void ApplyToThisProcess()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (Mallopt(MMmapThreshold, MmapThresholdBytes) != 1 || Mallopt(MTrimThreshold, TrimThresholdBytes) != 1)
        {
            throw new InvalidOperationException("glibc's mallopt refused the benchmark's malloc thresholds.");
        }
    }

    /// <summary>Gives a child process the same thresholds, through the environment glibc reads at start-up.</summary>
    public static void ApplyTo(ProcessStartInfo start)
    {
        start.Environment["MALLOC_MMAP_THRESHOLD_"] = MmapThresholdBytes.ToString(CultureInfo.InvariantCulture);
        start.Environment["MALLOC_TRIM_THRESHOLD_"] = TrimThresholdBytes.ToString(CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
