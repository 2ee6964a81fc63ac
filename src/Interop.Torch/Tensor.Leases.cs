using System.Numerics;

namespace Interop.Torch;

public sealed partial class Tensor
{
    // At most this many data leases of one tensor at once: one bit each in leasesInUse.
    private const int MaxLeases = 64;

    // A lease is a struct, so user code can copy it and dispose both copies, or dispose one
    // twice; releasing its borrow twice would free the slot under another lease's span. Each
    // lease therefore owns an entry here and ends only by advancing that entry's generation
    // from the one it was given, which exactly one Dispose can do. Allocated at the first lease.
    private long[]? leaseGenerations;
    private ulong leasesInUse;

    // Takes a free entry and returns it with its current generation.
    internal (int Entry, long Generation) BeginLease()
    {
        long[] generations = leaseGenerations ?? InitLeaseGenerations();
        while (true)
        {
            ulong inUse = Volatile.Read(ref leasesInUse);
            if (inUse == ulong.MaxValue)
            {
                throw new InvalidOperationException($"{MaxLeases} data leases of this tensor are held at once; dispose one first.");
            }
            int entry = BitOperations.TrailingZeroCount(~inUse);
            if (Interlocked.CompareExchange(ref leasesInUse, inUse | (1UL << entry), inUse) == inUse)
            {
                return (entry, Volatile.Read(ref generations[entry]));
            }
        }
    }

    // Ends the lease of (entry, generation): true the first time, false for a lease already ended.
    internal bool EndLease(int entry, long generation)
    {
        if (Interlocked.CompareExchange(ref leaseGenerations![entry], generation + 1, generation) != generation) return false;
        Interlocked.And(ref leasesInUse, ~(1UL << entry));
        return true;
    }

    // True while the lease of (entry, generation) has not ended.
    internal bool HoldsLease(int entry, long generation) => Volatile.Read(ref leaseGenerations![entry]) == generation;

    private long[] InitLeaseGenerations()
    {
        Interlocked.CompareExchange(ref leaseGenerations, new long[MaxLeases], null);
        return leaseGenerations;
    }
}
