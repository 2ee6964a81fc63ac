// One thread rebinds a result slot to tensors of alternating shapes while two others read it
// as an input and query it. Before the per-slot lock (native/torch/slot.hpp) this died with
// SIGSEGV or heap corruption within moments. Prints "ok" and the op counts and exits 0 when
// the time given (seconds, the first argument) passes without a crash or a wrong result.
using System.Diagnostics;
using Interop.Torch;

double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
LibTorch.Threads = 1;
using var small = Tensor.Ones(4);
using var large = Tensor.Ones(4096);
using var shared = Torch.Add(small, small);
var stopwatch = Stopwatch.StartNew();
long rebinds = 0, reads = 0;
string? failure = null;

void Rebind()
{
    // Each call's shape differs from the last, so the slot is rebound to a fresh tensor every time.
    for (long i = 0; stopwatch.Elapsed.TotalSeconds < seconds; i++)
    {
        Tensor source = (i & 1) == 0 ? large : small;
        Torch.Add(source, source, result: shared);
        Interlocked.Increment(ref rebinds);
    }
}

void Read()
{
    using var own = new Tensor();
    while (stopwatch.Elapsed.TotalSeconds < seconds)
    {
        Torch.Mul(shared, 3, result: own);
        long count = own.Numel;
        if (count != 4 && count != 4096) failure ??= $"a read saw {count} elements";
        if (shared.Dim != 1) failure ??= "a query saw a tensor that is not 1-D";
        Interlocked.Increment(ref reads);
    }
}

Thread[] threads = [new(Rebind), new(Read), new(Read)];
foreach (Thread thread in threads) thread.Start();
foreach (Thread thread in threads) thread.Join();
if (failure is not null)
{
    Console.Error.WriteLine(failure);
    return 1;
}
Console.WriteLine($"ok: {rebinds} rebinds, {reads} reads");
return 0;
