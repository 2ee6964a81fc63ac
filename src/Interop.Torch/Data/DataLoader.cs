using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Interop.Torch;

/// <summary>
/// PyTorch's <c>DataLoader</c>: iterates a dataset in batches, shuffled or in order. A background
/// worker fills the next batches into pooled pinned buffers while the loop works on the current
/// one, so a step fed by the loader does not wait for the copy. Iterate with <c>foreach</c>, one
/// epoch per loop; after warm-up a batch allocates no managed memory. A dataset's exception
/// surfaces in the loop, after every batch before it and none after. Dispose the loader: its
/// worker thread keeps it alive until then.
/// </summary>
public sealed class DataLoader<TInput, TTarget> : IDisposable
    where TInput : unmanaged
    where TTarget : unmanaged
{
    private readonly IDataset<TInput, TTarget> dataset;
    private readonly DataLoaderBatch<TInput, TTarget>[] slots;
    private readonly DataLoaderBatch<TInput, TTarget>? partial;
    private readonly int[] order;
    // The samples of an epoch, in the order trained: `order` itself, or this rank's share of it.
    private readonly int[] epochOrder;
    private readonly DistributedShard? shard;
    private readonly Random random;
    private readonly Thread worker;
    private readonly object gate = new();

    // Batch b of an epoch goes into slots[b % slots.Length] (the partial one into `partial`),
    // once the loop has released batch b - slots.Length. The rest is guarded by gate, but
    // `produced` and `released` are also read without it, so that a batch that is ready, or a
    // released buffer the sleeping worker need not hear of yet, costs no lock and no wake-up.
    private bool inEpoch;
    private int epoch;
    private int produced;
    private int released;
    private bool filling;
    private Exception? failure;
    private bool disposed;
    private bool loopAsleep;
    // Read by the loop without gate: set with a full fence before the worker's last look at
    // `released`, so a release either is seen by that look or sees the worker asleep.
    private int workerAsleep;

    /// <summary>Batches of <paramref name="batchSize"/> samples of <paramref name="dataset"/>.</summary>
    /// <param name="dataset">The samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="shuffle">A new random order every epoch; false keeps the dataset's order.</param>
    /// <param name="seed">Seeds the shuffling: the same seed gives the same orders, epoch after epoch.</param>
    /// <param name="dropLast">Leaves out the last batch when it is smaller than the batch size; false, as in PyTorch, keeps it.</param>
    /// <param name="prefetch">
    /// Batches the worker prepares ahead of the loop. Null takes as many as fill about 1 MiB,
    /// from 2 to 16: the worker is woken once per refill, so small batches need more of them.
    /// </param>
    /// <param name="shard">
    /// In data-parallel training, this rank's share of every epoch; the ranks must pass the same
    /// seed. Null iterates the whole dataset.
    /// </param>
    public DataLoader(IDataset<TInput, TTarget> dataset, int batchSize, bool shuffle = false, int seed = 0,
        bool dropLast = false, int? prefetch = null, DistributedShard? shard = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (prefetch is { } ahead) ArgumentOutOfRangeException.ThrowIfLessThan(ahead, 1, nameof(prefetch));
        shard?.Validate();
        this.dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        this.shard = shard;
        order = new int[dataset.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        epochOrder = shard is { } share && order.Length > 0 ? new int[share.SamplesOf(order.Length)] : order;
        int samples = epochOrder.Length;
        int lastSize = dropLast ? 0 : samples % batchSize;
        FullBatches = samples / batchSize;
        BatchCount = FullBatches + (lastSize > 0 ? 1 : 0);
        random = new Random(seed);
        int depth = prefetch ?? DefaultPrefetch(batchSize, dataset);
        slots = new DataLoaderBatch<TInput, TTarget>[Math.Min(depth + 1, Math.Max(FullBatches, 1))];
        for (int i = 0; i < slots.Length; i++) slots[i] = new(batchSize, dataset.InputShape, dataset.TargetShape);
        if (lastSize > 0) partial = new(lastSize, dataset.InputShape, dataset.TargetShape);
        worker = new Thread(Work) { IsBackground = true, Name = "DataLoader worker" };
        worker.Start();
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch takes a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Batches per epoch, a last partial one included.</summary>
    public int BatchCount { get; }

    private int FullBatches { get; }

    private static int DefaultPrefetch(int batchSize, IDataset<TInput, TTarget> dataset)
    {
        const long budget = 1 << 20;
        long bytes = batchSize * (Elements(dataset.InputShape) * Unsafe.SizeOf<TInput>() + Elements(dataset.TargetShape) * Unsafe.SizeOf<TTarget>());
        return (int)Math.Clamp(budget / Math.Max(bytes, 1), 2, 64);
    }

    private static long Elements(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long size in shape) count *= size;
        return count;
    }

    /// <summary>Starts an epoch. One epoch runs at a time.</summary>
    /// <exception cref="InvalidOperationException">Another epoch of this loader is still being iterated.</exception>
    public Enumerator GetEnumerator()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (inEpoch) throw new InvalidOperationException("An epoch of this loader is still being iterated; finish or dispose it first.");
            if (Shuffle) random.Shuffle(order);
            shard?.Select(order, epochOrder);
            epoch++;
            produced = 0;
            released = 0;
            failure = null;
            inEpoch = true;
            Monitor.PulseAll(gate);
        }
        return new Enumerator(this);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            Monitor.PulseAll(gate);
        }
        worker.Join();
        foreach (var slot in slots) slot.Dispose();
        partial?.Dispose();
    }

    private DataLoaderBatch<TInput, TTarget> SlotOf(int batch) => batch < FullBatches ? slots[batch % slots.Length] : partial!;

    // A worker woken for each released buffer costs the loop a wake-up per batch, tens of
    // microseconds on a VM (and two context switches where both threads share a core). So the
    // worker sleeps only with every buffer full, and the loop wakes it once all but one of the
    // prepared batches are taken: then it refills the buffers in one go.
    private int WakeAfter => slots.Length - 1;

    private bool WorkerCanFill => inEpoch && failure is null && produced < BatchCount && produced < Volatile.Read(ref released) + slots.Length;

    private void Work()
    {
        while (true)
        {
            int batch, ofEpoch;
            lock (gate)
            {
                while (!disposed && !WorkerCanFill)
                {
                    Interlocked.Exchange(ref workerAsleep, 1);
                    if (!WorkerCanFill) Monitor.Wait(gate);
                    workerAsleep = 0;
                }
                if (disposed) return;
                batch = produced;
                ofEpoch = epoch;
                filling = true;
            }
            Exception? error = null;
            try
            {
                int size = SlotOf(batch).Count;
                SlotOf(batch).Fill(dataset, epochOrder.AsSpan(batch * BatchSize, size));
            }
            catch (Exception e)
            {
                error = e;
            }
            lock (gate)
            {
                filling = false;
                if (ofEpoch == epoch)
                {
                    if (error is null) Volatile.Write(ref produced, produced + 1);
                    else failure = error;
                }
                if (loopAsleep || error is not null || ofEpoch != epoch) Monitor.PulseAll(gate);
            }
        }
    }

    // Waits for batch `index`, or throws the dataset's exception that stopped the worker before it.
    private DataLoaderBatch<TInput, TTarget> Take(int index)
    {
        if (Volatile.Read(ref produced) > index) return SlotOf(index);
        lock (gate)
        {
            while (produced <= index && failure is null && !disposed)
            {
                loopAsleep = true;
                // The worker may be asleep, waiting for buffers the loop has released.
                Monitor.PulseAll(gate);
                Monitor.Wait(gate);
                loopAsleep = false;
            }
            ObjectDisposedException.ThrowIf(disposed, this);
            if (produced <= index) ExceptionDispatchInfo.Throw(failure!);
        }
        return SlotOf(index);
    }

    private void Release()
    {
        int free = Interlocked.Increment(ref released) + slots.Length - Volatile.Read(ref produced);
        if (Volatile.Read(ref workerAsleep) == 0 || free < WakeAfter) return;
        lock (gate) Monitor.PulseAll(gate);
    }

    private void EndEpoch()
    {
        lock (gate)
        {
            inEpoch = false;
            // A fill still running belongs to the ended epoch; the next one must not share its slot.
            epoch++;
            while (filling) Monitor.Wait(gate);
        }
    }

    /// <summary>The batches of one epoch, for <c>foreach</c>; a struct, so iterating allocates nothing.</summary>
    public struct Enumerator : IDisposable
    {
        private readonly DataLoader<TInput, TTarget> loader;
        private int next;
        private bool holding;

        internal Enumerator(DataLoader<TInput, TTarget> loader)
        {
            this.loader = loader;
            Current = null!;
        }

        /// <summary>The batch the loop works on.</summary>
        public DataLoaderBatch<TInput, TTarget> Current { get; private set; }

        /// <summary>Hands the current batch's buffers back to the worker and waits for the next batch.</summary>
        public bool MoveNext()
        {
            if (holding)
            {
                loader.Release();
                holding = false;
            }
            if (next == loader.BatchCount) return false;
            Current = loader.Take(next);
            holding = true;
            next++;
            return true;
        }

        /// <summary>Ends the epoch, also when the loop left it early.</summary>
        public void Dispose()
        {
            if (loader is null) return;
            loader.EndEpoch();
        }
    }
}
