namespace Interop.Torch.Tests.Indexing;

/// <summary>
/// The C# forms of the indexer (int, System.Index, System.Range, TensorIndex, tensors) on
/// m = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], against values worked out by hand.
/// </summary>
public class IndexerTests
{
    private static Tensor Matrix()
    {
        using Tensor flat = Tensor.Arange(12);
        return flat.Reshape([3, 4]);
    }

    private static Tensor ZeroDim(long value)
    {
        using Tensor one = Tensor.FromData<long>([value]);
        return one.Reshape([]);
    }

    private static void Expect(Tensor actual, long[] shape, long[] values)
    {
        Assert.Equal(DType.Int64, actual.DType);
        Assert.Equal(shape, actual.Shape);
        Assert.Equal(values, actual.ToArray<long>());
    }

    [Fact]
    public void Integers_SelectAndDropTheDimension_NegativeAndFromEndCountingBack()
    {
        using Tensor m = Matrix();
        using (Tensor row = m[1]) Expect(row, [4], [4, 5, 6, 7]);
        using (Tensor last = m[^1]) Expect(last, [4], [8, 9, 10, 11]);
        using (Tensor last = m[-1]) Expect(last, [4], [8, 9, 10, 11]);
        using (Tensor first = m[^3]) Expect(first, [4], [0, 1, 2, 3]);
        using (Tensor element = m[0, 1]) Expect(element, [], [1]);
        using (Tensor element = m[^1, ^1]) Assert.Equal(11L, element.Item<long>());
        using (Tensor element = m[2L, -4L]) Assert.Equal(8L, element.Item<long>());
    }

    [Fact]
    public void Ranges_SliceAndKeepTheDimension()
    {
        using Tensor m = Matrix();
        using (Tensor all = m[..]) Expect(all, [3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        using (Tensor columns = m[.., 1..3]) Expect(columns, [3, 2], [1, 2, 5, 6, 9, 10]);
        using (Tensor corner = m[1.., ^2..]) Expect(corner, [2, 2], [6, 7, 10, 11]);
        using (Tensor head = m[..^1]) Expect(head, [2, 4], [0, 1, 2, 3, 4, 5, 6, 7]);
        using (Tensor middle = m[1..^1, ^3..^1]) Expect(middle, [1, 2], [5, 6]);
        using (Tensor column = m[.., 2]) Expect(column, [3], [2, 6, 10]);
        using (Tensor rowPart = m[1, 1..]) Expect(rowPart, [3], [5, 6, 7]);
    }

    [Fact]
    public void Ranges_OutOfTheDimension_AreClamped_AsInPython_NotThrown_AsInDotNet()
    {
        using Tensor m = Matrix();
        using (Tensor past = m[5..]) Expect(past, [0, 4], []);
        using (Tensor atEnd = m[^0..]) Expect(atEnd, [0, 4], []);
        using (Tensor wide = m[1..100]) Expect(wide, [2, 4], [4, 5, 6, 7, 8, 9, 10, 11]);
        using (Tensor fromFar = m[^10..1]) Expect(fromFar, [1, 4], [0, 1, 2, 3]);
        using (Tensor backwards = m[2..1]) Expect(backwards, [0, 4], []);
    }

    [Fact]
    public void Steps_EllipsisAndNewAxes()
    {
        using Tensor m = Matrix();
        using (Tensor even = m[TensorIndex.Slice(step: 2)]) Expect(even, [2, 4], [0, 1, 2, 3, 8, 9, 10, 11]);
        using (Tensor odd = m[.., TensorIndex.Slice(1, null, 2)]) Expect(odd, [3, 2], [1, 3, 5, 7, 9, 11]);
        using (Tensor negative = m[TensorIndex.Slice(-2, -1)]) Expect(negative, [1, 4], [4, 5, 6, 7]);
        using (Tensor first = m[TensorIndex.Ellipsis, 0]) Expect(first, [3], [0, 4, 8]);
        using (Tensor whole = m[TensorIndex.Ellipsis]) Expect(whole, [3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
        using (Tensor batch = m[TensorIndex.NewAxis]) Assert.Equal([1L, 3, 4], batch.Shape);
        using (Tensor inner = m[.., TensorIndex.None, 1..2]) Expect(inner, [3, 1, 1], [1, 5, 9]);
        using (Tensor trailing = m[TensorIndex.Ellipsis, TensorIndex.NewAxis]) Assert.Equal([3L, 4, 1], trailing.Shape);
    }

    [Fact]
    public void TensorIndices_AreAdvancedIndexing_MasksAndPositions()
    {
        using Tensor m = Matrix();
        using Tensor mask = m > 5;
        using (Tensor picked = m[mask]) Expect(picked, [6], [6, 7, 8, 9, 10, 11]);
        using Tensor rows = Tensor.FromData<bool>([true, false, true]);
        using (Tensor picked = m[rows]) Expect(picked, [2, 4], [0, 1, 2, 3, 8, 9, 10, 11]);
        using (Tensor picked = m[rows, 1..3]) Expect(picked, [2, 2], [1, 2, 9, 10]);
        using Tensor order = Tensor.FromData<long>([2, 0]);
        using (Tensor picked = m[order]) Expect(picked, [2, 4], [8, 9, 10, 11, 0, 1, 2, 3]);
        using (Tensor picked = m[.., order]) Expect(picked, [3, 2], [2, 0, 6, 4, 10, 8]);
        using (Tensor picked = m[1, order]) Expect(picked, [2], [6, 4]);
        using (Tensor picked = m[order, order]) Expect(picked, [2], [10, 0]);
        using Tensor last = Tensor.FromData<long>([-1]);
        using (Tensor picked = m[last, ^1]) Expect(picked, [1], [11]);
        // A 0-dimensional Int64 tensor is an integer: it selects and drops the dimension.
        using Tensor two = ZeroDim(2);
        using (Tensor picked = m[two]) Expect(picked, [4], [8, 9, 10, 11]);
    }

    [Fact]
    public void BasicIndexing_ReturnsViews_WritingThroughThemChangesTheBase()
    {
        using Tensor m = Matrix();
        using (Tensor row = m[1]) row.FillInPlace(-1);
        using (Tensor block = m[.., 2..]) block.MulInPlace(10);
        using (Tensor corner = m[^1, ^1]) corner.FillInPlace(99);
        Expect(m, [3, 4], [0, 1, 20, 30, -1, -1, -10, -10, 8, 9, 100, 99]);
    }

    [Fact]
    public void AView_KeepsTheStorageAlive_AfterTheBaseIsDisposed()
    {
        Tensor m = Matrix();
        Tensor row = m[2];
        m.Dispose();
        using (row) Expect(row, [4], [8, 9, 10, 11]);
    }

    [Fact]
    public void AdvancedIndexing_ReturnsCopies()
    {
        using Tensor m = Matrix();
        using Tensor order = Tensor.FromData<long>([0, 1]);
        using (Tensor picked = m[order]) picked.FillInPlace(-1);
        using Tensor mask = m < 100;
        using (Tensor picked = m[mask]) picked.FillInPlace(-1);
        Expect(m, [3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }

    [Fact]
    public void AssigningATensor_CopiesIntoTheView_Broadcasting()
    {
        using Tensor m = Matrix();
        using Tensor block = Tensor.FromData<long>([-1, -2, -3, -4, -5, -6], 3, 2);
        m[.., 1..3] = block;
        Expect(m, [3, 4], [0, -1, -2, 3, 4, -3, -4, 7, 8, -5, -6, 11]);

        using Tensor pair = Tensor.FromData<long>([100, 200]);
        m[1.., ^2..] = pair;
        Expect(m, [3, 4], [0, -1, -2, 3, 4, -3, 100, 200, 8, -5, 100, 200]);

        using Tensor row = Tensor.FromData<long>([7, 7, 7, 7]);
        m[^1] = row;
        using Tensor one = ZeroDim(42);
        m[0, 0] = one;
        Expect(m, [3, 4], [42, -1, -2, 3, 4, -3, 100, 200, 7, 7, 7, 7]);

        // copy_ converts dtype, and leading dimensions of size 1 are dropped, as PyTorch does.
        using Tensor floats = Tensor.FromData<float>([1.9f, -2.9f, 3f, 4f], 1, 1, 4);
        m[1] = floats;
        using Tensor everything = Tensor.Zeros([3, 4], DType.Int64);
        m[TensorIndex.Ellipsis, ..] = m;
        Expect(m, [3, 4], [42, -1, -2, 3, 1, -2, 3, 4, 7, 7, 7, 7]);
        m[..] = everything;
        Expect(m, [3, 4], new long[12]);
    }

    [Fact]
    public void AssigningThroughTensorIndices_IsIndexPut()
    {
        using Tensor m = Matrix();
        using Tensor mask = m > 8;
        using Tensor values = Tensor.FromData<long>([-9, -10, -11]);
        m[mask] = values;
        Expect(m, [3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, -9, -10, -11]);

        using Tensor order = Tensor.FromData<long>([2, 0]);
        using Tensor rows = Tensor.FromData<long>([1, 1, 1, 1, 2, 2, 2, 2], 2, 4);
        m[order] = rows;
        Expect(m, [3, 4], [2, 2, 2, 2, 4, 5, 6, 7, 1, 1, 1, 1]);

        using Tensor column = Tensor.FromData<long>([50, 60]);
        m[1, order] = column;
        Expect(m, [3, 4], [2, 2, 2, 2, 60, 5, 50, 7, 1, 1, 1, 1]);
    }

    [Fact]
    public void AssigningNumbers_WithSetItem_FillsEveryForm()
    {
        using Tensor m = Matrix();
        m.SetItem(-1, 1);
        m.SetItem(-2, .., 3);
        m.SetItem(-3, ^1, ..2);
        Expect(m, [3, 4], [0, 1, 2, -2, -1, -1, -1, -2, -3, -3, 10, -2]);

        using Tensor mask = m < 0;
        m.SetItem(0, mask);
        using Tensor order = Tensor.FromData<long>([0, 2]);
        m.SetItem(5, order, 1..3);
        m.SetItem(2.75, 1, 0); // converted to Int64 as fill_ does: 2
        Expect(m, [3, 4], [0, 5, 5, 0, 2, 0, 0, 0, 0, 5, 5, 0]);

        m.SetItem(8, TensorIndex.Ellipsis);
        Expect(m, [3, 4], [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8]);
    }

    [Fact]
    public void GetItem_WritesIntoTheGivenResult()
    {
        using Tensor m = Matrix();
        using var slot = new Tensor();
        Assert.Same(slot, m.GetItem(slot, 1));
        Expect(slot, [4], [4, 5, 6, 7]);
        Assert.Same(slot, m.GetItem(slot, .., 1..3));
        Expect(slot, [3, 2], [1, 2, 5, 6, 9, 10]);
        Assert.Same(slot, m.GetItem(slot, ..));
        slot.FillInPlace(0); // still a view of m
        Expect(m, [3, 4], new long[12]);

        using Tensor m2 = Matrix();
        using var picked = new Tensor();
        using Tensor order = Tensor.FromData<long>([2, 1]);
        Assert.Same(picked, m2.GetItem(picked, 1.., order));
        Expect(picked, [2, 2], [6, 5, 10, 9]);
        using Tensor fresh = m2.GetItem(null, 0, 0);
        Assert.Equal(0L, fresh.Item<long>());
    }

    [Fact]
    public void IndicesOutOfRange_ThrowTorchIndexException_WithLibTorchsMessage()
    {
        using Tensor m = Matrix();
        BadInputAssert.Rejects<TorchIndexException>(() => m[3], "3");
        BadInputAssert.Rejects<TorchIndexException>(() => m[-4], "-4");
        BadInputAssert.Rejects<TorchIndexException>(() => m[^0], "3");
        BadInputAssert.Rejects<TorchIndexException>(() => m[0, 4], "4");
        BadInputAssert.Rejects<TorchIndexException>(() => m[1..2, 9], "9");
        using Tensor order = Tensor.FromData<long>([0, 3]);
        BadInputAssert.Rejects<TorchIndexException>(() => m[order], "3");
        BadInputAssert.Rejects<TorchIndexException>(() => { m.SetItem(1, 7); return null; }, "7");
        using Tensor value = Tensor.FromData<long>([1]);
        BadInputAssert.Rejects<TorchIndexException>(() => m[1, 5] = value, "5");
    }

    [Fact]
    public void MoreIndicesThanDimensions_ThrowTorchIndexException_AsPyTorchWordsIt()
    {
        using Tensor m = Matrix();
        var e = Assert.Throws<TorchIndexException>(() => m[0, 0, 0]);
        Assert.Equal("too many indices for tensor of dimension 2", e.Message);
        Assert.Equal(TorchErrorCode.Index, e.ErrorCode);
        using Tensor scalar = ZeroDim(5);
        Assert.Throws<TorchIndexException>(() => scalar[0]);
        using Tensor mask = Tensor.Ones([3, 4], DType.Bool);
        Assert.Throws<TorchIndexException>(() => m[mask, 0]);
    }

    [Fact]
    public void BadSubscriptsAndValues_ThrowTypedExceptions_NeverCrash()
    {
        using Tensor m = Matrix();
        using Tensor wrongMask = Tensor.Ones([2], DType.Bool);
        BadInputAssert.Rejects<TorchIndexException>(() => m[wrongMask], "mask");
        using Tensor floats = Tensor.FromData<float>([0f, 1f]);
        BadInputAssert.Rejects<TorchIndexException>(() => m[floats], "tensors used as indices must be long");
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => m[TensorIndex.Slice(step: -1)]));
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => m[TensorIndex.Slice(step: 0)]));

        using Tensor wrongShape = Tensor.FromData<long>([1, 2, 3]);
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => m[.., 1..3] = wrongShape));
        using Tensor mask = m > 5;
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => m[mask] = wrongShape));
        // index_put_ needs the values in the tensor's dtype.
        Assert.IsAssignableFrom<TorchException>(Record.Exception(() => m[mask] = floats));

        Assert.Throws<ArgumentNullException>(() => m[1] = null!);
        Assert.Throws<ArgumentNullException>(() => TensorIndex.FromTensor(null!));
        Assert.Throws<ArgumentNullException>(() => m[(Tensor)null!]);
        var disposed = Tensor.FromData<long>([0]);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => m[disposed]);
        Expect(m, [3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    }

    [Fact]
    public void FailedIndexing_LeavesNoHandles()
    {
        using Tensor m = Matrix();
        using Tensor order = Tensor.FromData<long>([0, 7]);
        using Tensor value = Tensor.FromData<long>([1, 2, 3]);
        BadInputAssert.LeavesNoHandles(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                Assert.ThrowsAny<TorchException>(() => m[1.., 2, 9]);
                Assert.ThrowsAny<TorchException>(() => m[1.., order]);
                Assert.ThrowsAny<TorchException>(() => m[.., 1..3] = value);
                Assert.ThrowsAny<TorchException>(() => m[1.., order] = value);
                Assert.ThrowsAny<TorchException>(() => m.SetItem(5, 1.., order));
                using var slot = new Tensor();
                Assert.ThrowsAny<TorchException>(() => m.GetItem(slot, 0, 9));
            }
        });
    }

    [Fact]
    public void TensorIndex_ConvertsFromCSharpSyntax_AndPrintsAsPython()
    {
        Assert.Equal("1", ((TensorIndex)1).ToString());
        TensorIndex fromEnd = ^1, pastTheEnd = ^0;
        Assert.Equal("-1", fromEnd.ToString());
        Assert.Equal("^0", pastTheEnd.ToString());
        Assert.Equal("1:3", ((TensorIndex)(1..3)).ToString());
        Assert.Equal(":", ((TensorIndex)(..)).ToString());
        Assert.Equal("-2:", ((TensorIndex)(^2..)).ToString());
        Assert.Equal(":-1", ((TensorIndex)(..^1)).ToString());
        Assert.Equal("::2", TensorIndex.Slice(step: 2).ToString());
        Assert.Equal("...", TensorIndex.Ellipsis.ToString());
        Assert.Equal("None", TensorIndex.None.ToString());
        using Tensor t = Tensor.Zeros(1);
        Assert.Equal("tensor", ((TensorIndex)t).ToString());
    }
}
