namespace Interop.Torch.Tests;

public class PoolingTests
{
    private static double[] ReferencePool(float[] input, int n, int c, int h, int w, (int H, int W) kernel,
        (int H, int W) stride, (int H, int W) padding, bool max, bool countIncludePad, out long[] outShape)
    {
        int oH = (h + 2 * padding.H - kernel.H) / stride.H + 1;
        int oW = (w + 2 * padding.W - kernel.W) / stride.W + 1;
        outShape = [n, c, oH, oW];
        var output = new double[n * c * oH * oW];
        for (int plane = 0; plane < n * c; plane++)
        {
            for (int oy = 0; oy < oH; oy++)
            {
                for (int ox = 0; ox < oW; ox++)
                {
                    double best = double.NegativeInfinity, sum = 0;
                    int inside = 0;
                    for (int ky = 0; ky < kernel.H; ky++)
                    {
                        for (int kx = 0; kx < kernel.W; kx++)
                        {
                            int y = oy * stride.H - padding.H + ky, x = ox * stride.W - padding.W + kx;
                            if (y < 0 || y >= h || x < 0 || x >= w) continue;
                            double v = input[(plane * h + y) * w + x];
                            best = Math.Max(best, v);
                            sum += v;
                            inside++;
                        }
                    }
                    // Windows here never reach past the padding, so the padded window is the kernel.
                    int count = countIncludePad ? kernel.H * kernel.W : inside;
                    output[(plane * oH + oy) * oW + ox] = max ? best : sum / count;
                }
            }
        }
        return output;
    }

    [Fact]
    public void MaxPool2d_HandComputed()
    {
        using var input = Tensor.FromData<float>(
            [1, 2, 5, 6,
             3, 4, 7, 8,
             9, -1, 0, 0,
             -2, -3, 0, 1], 1, 1, 4, 4);
        using var result = Torch.MaxPool2d(input, [2, 2]);
        TensorAssert.Shape(result, 1, 1, 2, 2);
        Assert.Equal(new float[] { 4, 8, 9, 1 }, result.ToArray<float>());
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 0, 0)]
    [InlineData(3, 3, 1, 1, 1, 1)]
    [InlineData(3, 2, 2, 1, 1, 0)]
    public void MaxPool2d_MatchesLoop(int kH, int kW, int sH, int sW, int pH, int pW)
    {
        LibTorch.ManualSeed(3);
        using var input = Tensor.Randn(2, 3, 7, 6);
        double[] expected = ReferencePool(input.ToArray<float>(), 2, 3, 7, 6, (kH, kW), (sH, sW), (pH, pW), max: true,
            countIncludePad: true, out long[] shape);
        using var result = Torch.MaxPool2d(input, [kH, kW], [sH, sW], [pH, pW]);
        Assert.Equal(shape, result.Shape);
        TensorAssert.Close(expected, result);
    }

    [Fact]
    public void AvgPool2d_HandComputed()
    {
        using var input = Tensor.FromData<float>(
            [1, 2, 5, 6,
             3, 4, 7, 8,
             9, -1, 0, 0,
             -2, -3, 0, 1], 1, 1, 4, 4);
        using var result = Torch.AvgPool2d(input, [2, 2]);
        Assert.Equal(new float[] { 2.5f, 6.5f, 0.75f, 0.25f }, result.ToArray<float>());
    }

    [Theory]
    [InlineData(2, 2, 2, 2, 0, 0, true)]
    [InlineData(3, 3, 1, 1, 1, 1, true)]
    [InlineData(3, 3, 2, 2, 1, 1, false)]
    [InlineData(3, 2, 2, 1, 1, 0, false)]
    public void AvgPool2d_MatchesLoop(int kH, int kW, int sH, int sW, int pH, int pW, bool countIncludePad)
    {
        LibTorch.ManualSeed(4);
        using var input = Tensor.Randn(2, 2, 7, 6);
        double[] expected = ReferencePool(input.ToArray<float>(), 2, 2, 7, 6, (kH, kW), (sH, sW), (pH, pW), max: false,
            countIncludePad, out long[] shape);
        using var result = Torch.AvgPool2d(input, [kH, kW], [sH, sW], [pH, pW], countIncludePad: countIncludePad);
        Assert.Equal(shape, result.Shape);
        TensorAssert.Close(expected, result);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    public void AdaptiveAvgPool2d_MatchesLoop(int outH, int outW)
    {
        const int n = 2, c = 3, h = 5, w = 7;
        LibTorch.ManualSeed(5);
        using var input = Tensor.Randn(n, c, h, w);
        float[] x = input.ToArray<float>();
        var expected = new double[n * c * outH * outW];
        for (int plane = 0; plane < n * c; plane++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                // PyTorch's bins: [floor(i * in / out), ceil((i + 1) * in / out)).
                int y0 = oy * h / outH, y1 = ((oy + 1) * h + outH - 1) / outH;
                for (int ox = 0; ox < outW; ox++)
                {
                    int x0 = ox * w / outW, x1 = ((ox + 1) * w + outW - 1) / outW;
                    double sum = 0;
                    for (int y = y0; y < y1; y++) for (int xx = x0; xx < x1; xx++) sum += x[(plane * h + y) * w + xx];
                    expected[(plane * outH + oy) * outW + ox] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
        }
        using var result = Torch.AdaptiveAvgPool2d(input, [outH, outW]);
        TensorAssert.Shape(result, n, c, outH, outW);
        TensorAssert.Close(expected, result);
    }
}
