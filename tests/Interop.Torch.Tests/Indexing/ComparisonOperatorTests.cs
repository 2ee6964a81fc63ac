namespace Interop.Torch.Tests.Indexing;

/// <summary>&lt;, &lt;=, &gt;, &gt;= and the bitwise operators: elementwise, Bool results, as PyTorch's.</summary>
public class ComparisonOperatorTests
{
    private static void ExpectBools(Tensor actual, params bool[] expected)
    {
        using (actual)
        {
            Assert.Equal(DType.Bool, actual.DType);
            Assert.Equal(expected, actual.ToArray<bool>());
        }
    }

    [Fact]
    public void TensorAgainstTensor_Elementwise()
    {
        using Tensor a = Tensor.FromData<float>([1f, 2f, 3f]);
        using Tensor b = Tensor.FromData<float>([3f, 2f, 1f]);
        ExpectBools(a < b, true, false, false);
        ExpectBools(a <= b, true, true, false);
        ExpectBools(a > b, false, false, true);
        ExpectBools(a >= b, false, true, true);
    }

    [Fact]
    public void TensorAgainstScalar_BothSides()
    {
        using Tensor a = Tensor.FromData<long>([1, 2, 3]);
        ExpectBools(a < 2, true, false, false);
        ExpectBools(a <= 2, true, true, false);
        ExpectBools(a > 2, false, false, true);
        ExpectBools(a >= 2, false, true, true);
        ExpectBools(2 < a, false, false, true);
        ExpectBools(2 <= a, false, true, true);
        ExpectBools(2 > a, true, false, false);
        ExpectBools(2 >= a, true, true, false);
        // An integer tensor against a real: compared as reals, as in PyTorch.
        ExpectBools(a < 2.5, true, true, false);
        ExpectBools(1.5 >= a, true, false, false);
    }

    [Fact]
    public void Comparisons_Broadcast()
    {
        using Tensor column = Tensor.FromData<long>([1, 2], 2, 1);
        using Tensor row = Tensor.FromData<long>([1, 2, 3]);
        using Tensor less = column < row;
        Assert.Equal([2L, 3], less.Shape);
        ExpectBools(less.Reshape([-1]), false, true, true, false, false, true);
    }

    [Fact]
    public void EqualityOperators_StayReferenceEquality_UseEqAndNe()
    {
        using Tensor a = Tensor.FromData<long>([1, 2]);
        using Tensor same = Tensor.FromData<long>([1, 2]);
        Tensor? none = null;
        Assert.False(a == same);
        Assert.True(a != same);
        Assert.True(none == null);
        Assert.False(a == null);
        ExpectBools(a.Eq(same), true, true);
        ExpectBools(a.Ne(2), true, false);
        ExpectBools(Torch.Eq(a, 1), true, false);
    }

    [Fact]
    public void BitwiseOperators_OnBoolTensors_AreLogical()
    {
        using Tensor x = Tensor.FromData<long>([1, 2, 3, 4]);
        using Tensor big = x > 1;
        using Tensor small = x < 4;
        ExpectBools(big & small, false, true, true, false);
        ExpectBools(big | small, true, true, true, true);
        ExpectBools(big ^ small, true, false, false, true);
        ExpectBools(~big, true, false, false, false);
        ExpectBools(big & true, false, true, true, true);
        ExpectBools(false | big, false, true, true, true);
        ExpectBools(true ^ big, true, false, false, false);
    }

    [Fact]
    public void BitwiseOperators_OnIntegers_AreBitwise_AndFloatsAreRejected()
    {
        using Tensor a = Tensor.FromData<long>([0b1100, 0b1010]);
        using Tensor b = Tensor.FromData<long>([0b1010, 0b0110]);
        using (Tensor and = a & b) Assert.Equal(new long[] { 0b1000, 0b0010 }, and.ToArray<long>());
        using (Tensor or = a | 1) Assert.Equal(new long[] { 0b1101, 0b1011 }, or.ToArray<long>());
        using (Tensor xor = 0b1111 ^ a) Assert.Equal(new long[] { 0b0011, 0b0101 }, xor.ToArray<long>());
        using (Tensor not = ~a) Assert.Equal(new long[] { ~0b1100L, ~0b1010L }, not.ToArray<long>());
        using Tensor reals = Tensor.FromData<float>([1f]);
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => reals & reals));
    }

    [Fact]
    public void AMaskFromAComparison_IndexesAndAssigns()
    {
        using Tensor x = Tensor.FromData<float>([-1f, 2f, -3f, 4f]);
        using Tensor negative = x < 0;
        x.SetItem(0, negative);
        Assert.Equal(new float[] { 0f, 2f, 0f, 4f }, x.ToArray<float>());
        using Tensor above = x > 1;
        using Tensor below = x < 3;
        using Tensor inRange = above & below;
        using Tensor picked = x[inRange];
        Assert.Equal(new float[] { 2f }, picked.ToArray<float>());
    }

    [Fact]
    public void MismatchedShapes_ThrowTorchException()
    {
        using Tensor a = Tensor.Zeros(2);
        using Tensor b = Tensor.Zeros(3);
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => a < b));
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => a >= b));
    }
}
