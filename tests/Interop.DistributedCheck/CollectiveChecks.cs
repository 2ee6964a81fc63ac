using Interop;
using Interop.Torch;
using Interop.Torch.Distributed;

namespace Interop.DistributedCheck;

/// <summary>
/// Every collective on several dtypes and sizes, sizes that the world size does not divide
/// among them, against the values worked out on this rank alone.
/// </summary>
internal static class CollectiveChecks
{
    private static readonly DType[] DTypes = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];
    private static readonly long[] Sizes = [1, 7, 1001, 65537];

    public static int Run(ProcessGroup group)
    {
        using (group)
        {
            int rank = group.Rank, world = group.WorldSize;
            int cases = 0;
            foreach (DType dtype in DTypes)
            {
                foreach (long size in Sizes)
                {
                    // Rank r holds (r + 1) * pattern: their sum is world (world + 1) / 2 * pattern.
                    double sum = world * (world + 1) / 2.0;
                    Check(t => group.AllReduce(t), Pattern(size, rank + 1, dtype), Pattern(size, sum, dtype), $"all_reduce sum {dtype} [{size}]");
                    Check(t => group.AllReduce(t, ReduceOp.Max), Pattern(size, rank + 1, dtype), Pattern(size, world, dtype), $"all_reduce max {dtype} [{size}]");
                    Check(t => group.AllReduce(t, ReduceOp.Min), Pattern(size, rank + 1, dtype), Pattern(size, 1, dtype), $"all_reduce min {dtype} [{size}]");
                    if (dtype is DType.Float32 or DType.Float64)
                    {
                        Check(t => group.AllReduce(t, ReduceOp.Average), Pattern(size, rank + 1, dtype), Pattern(size, sum / world, dtype),
                            $"all_reduce average {dtype} [{size}]");
                    }
                    int root = world - 1;
                    Check(t => group.Broadcast(t, root), Pattern(size, rank + 1, dtype), Pattern(size, root + 1, dtype), $"broadcast {dtype} [{size}]");
                    CheckAllGather(group, size, dtype);
                    CheckReduceScatter(group, size, dtype);
                    cases += 1;
                }
            }
            using (DistributedWork barrier = group.Barrier()) barrier.Wait();
            Console.WriteLine($"rank {rank}: the collectives gave the expected values in {cases} dtype and size cases");
        }
        return 0;
    }

    // pattern[i] = factor * (i % 5 + 1): exact in every dtype checked.
    private static Tensor Pattern(long size, double factor, DType dtype)
    {
        using Tensor index = Tensor.Arange(size);
        using Tensor cycle = index.Remainder(5);
        using Tensor values = cycle.To(DType.Float64);
        using Tensor scaled = (values + 1).Mul(factor);
        return scaled.To(dtype);
    }

    private static void Check(Func<Tensor, DistributedWork> collective, Tensor tensor, Tensor expected, string what)
    {
        using (tensor)
        using (expected)
        {
            using (DistributedWork work = collective(tensor)) work.Wait();
            Require(tensor.Equal(expected), what, tensor, expected);
        }
    }

    private static void CheckAllGather(ProcessGroup group, long size, DType dtype)
    {
        int world = group.WorldSize;
        using Tensor input = Pattern(size, group.Rank + 1, dtype);
        Tensor[] outputs = [.. Enumerable.Range(0, world).Select(_ => Tensor.Zeros([size], dtype))];
        try
        {
            using (DistributedWork work = group.AllGather(outputs, input)) work.Wait();
            for (int r = 0; r < world; r++)
            {
                using Tensor expected = Pattern(size, r + 1, dtype);
                Require(outputs[r].Equal(expected), $"all_gather {dtype} [{size}] from rank {r}", outputs[r], expected);
            }
        }
        finally
        {
            foreach (Tensor output in outputs) output.Dispose();
        }
    }

    // Chunk j has size + j elements, so the chunks differ in size; rank r's part is the sum of
    // every rank's chunk r.
    private static void CheckReduceScatter(ProcessGroup group, long size, DType dtype)
    {
        int rank = group.Rank, world = group.WorldSize;
        Tensor[] inputs = [.. Enumerable.Range(0, world).Select(j => Pattern(size + j, (rank + 1) * (j + 1), dtype))];
        try
        {
            using Tensor output = Tensor.Zeros([size + rank], dtype);
            using (DistributedWork work = group.ReduceScatter(output, inputs)) work.Wait();
            using Tensor expected = Pattern(size + rank, world * (world + 1) / 2.0 * (rank + 1), dtype);
            Require(output.Equal(expected), $"reduce_scatter {dtype} [{size + rank}]", output, expected);
        }
        finally
        {
            foreach (Tensor input in inputs) input.Dispose();
        }
    }

    private static void Require(bool equal, string what, Tensor actual, Tensor expected)
    {
        if (equal) return;
        using Tensor a = actual.To(DType.Float64);
        using Tensor e = expected.To(DType.Float64);
        throw new WrongValueException($"{what}: got {string.Join(", ", a.ToArray<double>().Take(5))}..., expected {string.Join(", ", e.ToArray<double>().Take(5))}...");
    }
}
