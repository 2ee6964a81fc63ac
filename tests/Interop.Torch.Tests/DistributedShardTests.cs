namespace Interop.Torch.Tests;

public class DistributedShardTests
{
    private static TensorDataset<float, long> Numbered(int count) =>
        new([.. Enumerable.Range(0, count).Select(i => (float)i)], [count, 1], [.. Enumerable.Range(0, count).Select(i => (long)i)], [count]);

    private static List<int[]> Epochs(int count, DistributedShard shard, int epochs)
    {
        using var loader = new DataLoader<float, long>(Numbered(count), batchSize: 2, shuffle: true, seed: 11, shard: shard);
        var seen = new List<int[]>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var indices = new List<int>();
            foreach (var batch in loader) indices.AddRange(batch.Indices.ToArray());
            seen.Add([.. indices]);
        }
        return seen;
    }

    [Theory]
    [InlineData(10, 2)]
    [InlineData(11, 3)]
    [InlineData(2, 3)]
    public void TheRanksShareEveryEpochEquallyAndTogetherSeeEverySample(int count, int worldSize)
    {
        List<int[]>[] ranks = [.. Enumerable.Range(0, worldSize).Select(r => Epochs(count, new DistributedShard(r, worldSize), 3))];
        int perRank = (count + worldSize - 1) / worldSize;
        for (int epoch = 0; epoch < 3; epoch++)
        {
            int[][] shares = [.. ranks.Select(r => r[epoch])];
            Assert.All(shares, share => Assert.Equal(perRank, share.Length));
            Assert.Equal(Enumerable.Range(0, count), shares.SelectMany(s => s).Distinct().Order());
            // Padding repeats only as many samples as the world size does not divide.
            Assert.Equal(perRank * worldSize - count, shares.SelectMany(s => s).Count() - count);
        }
    }

    [Fact]
    public void EachEpochTakesANewOrderThatEveryRankAgreesOn()
    {
        List<int[]> first = Epochs(20, new DistributedShard(0, 2), 2), second = Epochs(20, new DistributedShard(1, 2), 2);
        Assert.NotEqual(first[0], first[1]);
        // One agreed order per epoch: the two shares never overlap (20 samples, no padding).
        Assert.Empty(first[0].Intersect(second[0]));
        Assert.Empty(first[1].Intersect(second[1]));
    }

    [Fact]
    public void ARankOutsideTheWorld_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader<float, long>(Numbered(4), 2, shard: new DistributedShard(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader<float, long>(Numbered(4), 2, shard: new DistributedShard(0, 0)));
    }
}
