using System.Runtime.InteropServices;

namespace Interop.Torch.Tests;

/// <summary>Process-wide memory readings for the soak tests.</summary>
internal static class SoakMemory
{
    public const long MiB = 1024 * 1024;

    /// <summary>
    /// How much a run may grow the malloc figure: above its noise, which reached 4 MiB in one run
    /// in the middle of the suite on libtorch 2.6 (glibc's per-thread caches count as in use),
    /// and far below what a leaked tensor per iteration costs (a TensorImpl alone is hundreds of
    /// bytes: tens of MiB over the CI scale's 100,000 cycles). At the full size a run is 20 times
    /// longer, so a leak of 4 bytes an iteration exceeds it there.
    /// </summary>
    public const long AllowedGrowth = 8 * MiB;

    /// <summary>
    /// What a leak moves: the bytes malloc has handed out and not had back (libtorch's CPU
    /// allocator allocates through it), and the managed heap's live bytes. The resident set is
    /// reported but not what the tests hold flat: it also counts memory the GC keeps committed
    /// and free heap glibc has not handed back, which moved by 6 to 9 MiB either way in the
    /// middle of the test suite while these two stayed flat. The malloc figure has noise of its
    /// own (glibc's per-thread caches count as in use): up to 1.2 MiB over one run. Its part in
    /// blocks mapped on their own (malloc's large allocations) is printed, to tell one big block
    /// from many small ones.
    /// </summary>
    public readonly record struct Reading(long Rss, long NativeHeap, long MappedHeap, long ManagedHeap)
    {
        public static Reading operator -(Reading after, Reading before) =>
            new(after.Rss - before.Rss, after.NativeHeap - before.NativeHeap, after.MappedHeap - before.MappedHeap,
                after.ManagedHeap - before.ManagedHeap);

        public static Reading Min(Reading a, Reading b) =>
            new(Math.Min(a.Rss, b.Rss), Math.Min(a.NativeHeap, b.NativeHeap), Math.Min(a.MappedHeap, b.MappedHeap),
                Math.Min(a.ManagedHeap, b.ManagedHeap));

        // The resident set is left out, for the reason above.
        public bool Exceeds(long bytes) => NativeHeap >= bytes || ManagedHeap >= bytes;

        public override string ToString() =>
            $"RSS {Rss / 1024} KiB, malloc in use {NativeHeap / 1024} KiB ({MappedHeap / 1024} KiB of it in blocks of their own), " +
            $"managed heap {ManagedHeap / 1024} KiB";
    }

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

    /// <summary>Runs every pending finalizer, so tensors dropped earlier do not move the readings mid-test.</summary>
    public static void Settle()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

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

    /// <summary>
    /// The growth over each of two to four equal runs of <paramref name="run"/> (after the
    /// caller's warm-up), and their smallest, figure by figure: a leak grows every run alike,
    /// while a cache filling once or the allocators' noise shows in some. A third and fourth run
    /// are made only while the smallest growth is still over <see cref="AllowedGrowth"/>: in CI
    /// (2026-12-02), malloc's figure grew by 19 and 18 MiB in both runs of a 0.2 s loop that
    /// grew it by at most 93 KiB in each of seven suite runs here, two of them beside three busy
    /// loops.
    /// </summary>
    public static (IReadOnlyList<Reading> Runs, Reading Smallest) GrowthOverRuns(Action run)
    {
        var runs = new List<Reading>();
        Reading before = Settled();
        Reading smallest = default;
        while (runs.Count < 2 || (runs.Count < 4 && smallest.Exceeds(AllowedGrowth)))
        {
            run();
            Reading after = Settled();
            runs.Add(after - before);
            smallest = runs.Count == 1 ? runs[0] : Reading.Min(smallest, runs[^1]);
            before = after;
        }
        return (runs, smallest);
    }

    public static Reading Settled()
    {
        Settle();
        MallInfo2 heap = mallinfo2();
        return new Reading(Rss(), (long)(heap.uordblks + heap.hblkhd), (long)heap.hblkhd, GC.GetTotalMemory(forceFullCollection: false));
    }

    // glibc's struct mallinfo2 (glibc 2.33 and later), summed over every arena.
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();
}
