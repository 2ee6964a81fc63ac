namespace Interop.Torch.Tests;

public class ArithmeticTests
{
    private static readonly float[] A = [1.5f, -2f, 3f, 0.25f, -0.5f, 4f];
    private static readonly float[] B = [2f, 0.5f, -1f, 8f, 3f, -0.25f];

    private static double[] Elementwise(Func<double, double, double> op) =>
        A.Zip(B, (x, y) => op(x, y)).ToArray();

    private static double[] WithScalar(Func<double, double> op) => A.Select(x => op(x)).ToArray();

    public static TheoryData<string> BinaryOps => new() { "add", "sub", "mul", "div" };

    private static Func<double, double, double> Reference(string op) => op switch
    {
        "add" => (x, y) => x + y,
        "sub" => (x, y) => x - y,
        "mul" => (x, y) => x * y,
        _ => (x, y) => x / y,
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void TensorTensor(string op)
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        using var b = Tensor.FromData<float>(B, 2, 3);
        using Tensor r = op switch
        {
            "add" => Torch.Add(a, b),
            "sub" => Torch.Sub(a, b),
            "mul" => Torch.Mul(a, b),
            _ => Torch.Div(a, b),
        };
        TensorAssert.Shape(r, 2, 3);
        Assert.Equal(DType.Float32, r.DType);
        TensorAssert.Close(Elementwise(Reference(op)), r);
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void TensorScalar(string op)
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        using Tensor r = op switch
        {
            "add" => Torch.Add(a, 2.5),
            "sub" => Torch.Sub(a, 2.5),
            "mul" => Torch.Mul(a, 2.5),
            _ => Torch.Div(a, 2.5),
        };
        Assert.Equal(DType.Float32, r.DType);
        var reference = Reference(op);
        TensorAssert.Close(WithScalar(x => reference(x, 2.5)), r);
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void InPlaceWithTensor(string op)
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        using var b = Tensor.FromData<float>(B, 2, 3);
        nint before = a.DataPointer<float>();
        Tensor returned = op switch
        {
            "add" => a.AddInPlace(b),
            "sub" => a.SubInPlace(b),
            "mul" => a.MulInPlace(b),
            _ => a.DivInPlace(b),
        };
        Assert.Same(a, returned);
        Assert.Equal(before, a.DataPointer<float>());
        TensorAssert.Close(Elementwise(Reference(op)), a);
        Assert.Equal(B, b.ToArray<float>());
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void InPlaceWithScalar(string op)
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        Tensor returned = op switch
        {
            "add" => a.AddInPlace(-1.5),
            "sub" => a.SubInPlace(-1.5),
            "mul" => a.MulInPlace(-1.5),
            _ => a.DivInPlace(-1.5),
        };
        Assert.Same(a, returned);
        var reference = Reference(op);
        TensorAssert.Close(WithScalar(x => reference(x, -1.5)), a);
    }

    [Fact]
    public void Broadcasting()
    {
        using var a = Tensor.FromData<float>(A, 2, 3);
        using var row = Tensor.FromData<float>([10, 20, 30], 1, 3);
        using var column = Tensor.FromData<float>([100, 200], 2, 1);
        using var r1 = Torch.Add(a, row);
        using var r2 = Torch.Mul(a, column);
        double[] expected1 = new double[6], expected2 = new double[6];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                expected1[i * 3 + j] = A[i * 3 + j] + 10.0 * (j + 1);
                expected2[i * 3 + j] = A[i * 3 + j] * 100.0 * (i + 1);
            }
        }
        TensorAssert.Close(expected1, r1);
        TensorAssert.Close(expected2, r2);
    }

    [Fact]
    public void IntegerScalar_KeepsInt64()
    {
        using var a = Tensor.FromData(new long[,] { { 1, 2 }, { 3, 4 } });
        using var r = a + 2;
        Assert.Equal(DType.Int64, r.DType);
        TensorAssert.Shape(r, 2, 2);
        Assert.Equal(new long[] { 3, 4, 5, 6 }, r.ToArray<long>());
    }

    [Fact]
    public void IntegerTensor_FloatScalar_IsFloat32()
    {
        using var a = Tensor.FromData<long>([1, 2, 3]);
        using var r = a * 0.5;
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new[] { 0.5f, 1f, 1.5f }, r.ToArray<float>());
    }

    [Fact]
    public void IntegerDivision_IsTrueDivision()
    {
        using var a = Tensor.FromData<long>([1, 2, 7]);
        using var b = Tensor.FromData<long>([2, 2, 2]);
        using var r = Torch.Div(a, b);
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new[] { 0.5f, 1f, 3.5f }, r.ToArray<float>());

        using var s = Torch.Div(a, 4);
        Assert.Equal(new[] { 0.25f, 0.5f, 1.75f }, s.ToArray<float>());
    }

    [Fact]
    public void Int32Tensor_IntegerScalar_KeepsInt32()
    {
        using var a = Tensor.FromData<int>([1, 2, 3]);
        using var r = Torch.Mul(a, 3);
        Assert.Equal(DType.Int32, r.DType);
        Assert.Equal(new[] { 3, 6, 9 }, r.ToArray<int>());
    }

    [Fact]
    public void Operators()
    {
        using var a = Tensor.FromData<float>([1, 2, 3]);
        using var b = Tensor.FromData<float>([4, 5, 6]);
        using (var r = a + b) Assert.Equal(new float[] { 5, 7, 9 }, r.ToArray<float>());
        using (var r = a - b) Assert.Equal(new float[] { -3, -3, -3 }, r.ToArray<float>());
        using (var r = a * b) Assert.Equal(new float[] { 4, 10, 18 }, r.ToArray<float>());
        using (var r = b / a) Assert.Equal(new float[] { 4, 2.5f, 2 }, r.ToArray<float>());
        using (var r = 1 + a) Assert.Equal(new float[] { 2, 3, 4 }, r.ToArray<float>());
        using (var r = a - 1) Assert.Equal(new float[] { 0, 1, 2 }, r.ToArray<float>());
        using (var r = 10 - a) Assert.Equal(new float[] { 9, 8, 7 }, r.ToArray<float>());
        using (var r = 2 * a) Assert.Equal(new float[] { 2, 4, 6 }, r.ToArray<float>());
        using (var r = a / 2) Assert.Equal(new float[] { 0.5f, 1, 1.5f }, r.ToArray<float>());
        using (var r = -a) Assert.Equal(new float[] { -1, -2, -3 }, r.ToArray<float>());
    }

    [Fact]
    public void ScalarMinusIntegerTensor_FloatScalar_IsFloat()
    {
        using var a = Tensor.FromData<long>([1, 2]);
        using var r = 0.5 - a;
        Assert.Equal(DType.Float32, r.DType);
        Assert.Equal(new[] { -0.5f, -1.5f }, r.ToArray<float>());
    }

    [Fact]
    public void UnaryMath()
    {
        float[] x = [0.25f, 1f, 4f, 9f];
        using var t = Tensor.FromData<float>(x);
        using var neg = Torch.Neg(t);
        using var exp = Torch.Exp(t);
        using var log = Torch.Log(t);
        using var sqrt = Torch.Sqrt(t);
        TensorAssert.Close(x.Select(v => -(double)v).ToArray(), neg);
        TensorAssert.Close(x.Select(v => Math.Exp(v)).ToArray(), exp);
        TensorAssert.Close(x.Select(v => Math.Log(v)).ToArray(), log);
        TensorAssert.Close(x.Select(v => Math.Sqrt(v)).ToArray(), sqrt);
    }

    [Fact]
    public void MatMul_MatchesTripleLoop()
    {
        const int n = 5, k = 7, m = 4;
        LibTorch.ManualSeed(7);
        using var a = Tensor.Randn(n, k);
        using var b = Tensor.Randn(k, m);
        float[] av = a.ToArray<float>(), bv = b.ToArray<float>();
        var expected = new double[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)av[i * k + p] * bv[p * m + j];
                expected[i * m + j] = sum;
            }
        }
        using var r = Torch.Matmul(a, b);
        TensorAssert.Shape(r, n, m);
        TensorAssert.Close(expected, r, 1e-4);
    }

    [Fact]
    public void MatMul_Integer()
    {
        using var a = Tensor.FromData(new long[,] { { 1, 2 }, { 3, 4 } });
        using var b = Tensor.FromData(new long[,] { { 5, 6 }, { 7, 8 } });
        using var r = Torch.Matmul(a, b);
        Assert.Equal(DType.Int64, r.DType);
        Assert.Equal(new long[] { 19, 22, 43, 50 }, r.ToArray<long>());
    }

    [Fact]
    public void MatMul_MatrixVectorAndBatched()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4, 5, 6], 2, 3);
        using var v = Tensor.FromData<float>([1, 0, -1]);
        using var mv = Torch.Matmul(a, v);
        TensorAssert.Shape(mv, 2);
        Assert.Equal(new float[] { -2, -2 }, mv.ToArray<float>());

        using var batch = Tensor.FromData<float>([1, 0, 0, 1, 2, 0, 0, 2], 2, 2, 2);
        using var m = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using var bm = Torch.Matmul(batch, m);
        TensorAssert.Shape(bm, 2, 2, 2);
        Assert.Equal(new float[] { 1, 2, 3, 4, 2, 4, 6, 8 }, bm.ToArray<float>());
    }
}
