using Interop.Torch.Distributed;

namespace Interop.Torch.Tests.Distributed;

public class CollectiveTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AllReduce_SumsAndAveragesEveryRanksTensor(int worldSize)
    {
        ThreadRanks.Run(worldSize, group =>
        {
            using var sum = Tensor.FromData([group.Rank + 1f, 10f * group.Rank], 2);
            using var average = Tensor.FromData([group.Rank + 1.0], 1);
            using (DistributedWork work = group.AllReduce(sum)) work.Wait();
            using (DistributedWork work = group.AllReduce(average, ReduceOp.Average)) work.Wait();
            float expectedSum = worldSize * (worldSize + 1) / 2f;
            Assert.Equal([expectedSum, 10f * (expectedSum - worldSize)], sum.ToArray<float>());
            Assert.Equal((worldSize + 1) / 2.0, average.Item<double>());
        });
    }

    [Fact]
    public void BroadcastAllGatherReduceScatter_GiveEachRankItsPart()
    {
        ThreadRanks.Run(2, group =>
        {
            int rank = group.Rank;
            using var broadcast = Tensor.FromData([rank + 5L], 1);
            using (DistributedWork work = group.Broadcast(broadcast, root: 1)) work.Wait();
            Assert.Equal(6L, broadcast.Item<long>());

            using var input = Tensor.FromData([rank * 1.0f, rank * 2.0f], 2);
            using var first = Tensor.Zeros(2);
            using var second = Tensor.Zeros(2);
            using (DistributedWork work = group.AllGather([first, second], input)) work.Wait();
            Assert.Equal([0f, 0f], first.ToArray<float>());
            Assert.Equal([1f, 2f], second.ToArray<float>());

            // Chunks of 1 and 2 elements: rank 1's output is the sum of both ranks' second chunks.
            using var chunk0 = Tensor.FromData([rank + 1f], 1);
            using var chunk1 = Tensor.FromData([rank + 1f, 10f * (rank + 1)], 2);
            using var output = Tensor.Zeros(rank + 1);
            using (DistributedWork work = group.ReduceScatter(output, [chunk0, chunk1])) work.Wait();
            Assert.Equal(rank == 0 ? [3f] : [3f, 30f], output.ToArray<float>());

            using (DistributedWork work = group.Barrier()) work.Wait();
        });
    }

    [Fact]
    public void EveryThreadJoinsAsItsOwnRankOfTheWorld()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<(int Rank, int WorldSize)>();
        ThreadRanks.Run(3, group => seen.Add((group.Rank, group.WorldSize)));
        Assert.Equal([(0, 3), (1, 3), (2, 3)], seen.Order());
    }
}
