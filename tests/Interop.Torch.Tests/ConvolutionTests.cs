namespace Interop.Torch.Tests;

public class ConvolutionTests
{
    /// <summary>A direct NCHW convolution: every output element is a plain sum over its window.</summary>
    private static double[] ReferenceConv2d(float[] input, long[] inShape, float[] weight, long[] wShape, float[]? bias,
        (int H, int W) stride, (int H, int W) padding, (int H, int W) dilation, int groups, out long[] outShape)
    {
        int n = (int)inShape[0], cIn = (int)inShape[1], h = (int)inShape[2], w = (int)inShape[3];
        int cOut = (int)wShape[0], cInPerGroup = (int)wShape[1], kH = (int)wShape[2], kW = (int)wShape[3];
        Assert.Equal(cIn, cInPerGroup * groups);
        int cOutPerGroup = cOut / groups;
        int oH = (h + 2 * padding.H - dilation.H * (kH - 1) - 1) / stride.H + 1;
        int oW = (w + 2 * padding.W - dilation.W * (kW - 1) - 1) / stride.W + 1;
        outShape = [n, cOut, oH, oW];
        var output = new double[n * cOut * oH * oW];
        for (int b = 0; b < n; b++)
        {
            for (int oc = 0; oc < cOut; oc++)
            {
                int group = oc / cOutPerGroup;
                for (int oy = 0; oy < oH; oy++)
                {
                    for (int ox = 0; ox < oW; ox++)
                    {
                        double sum = bias is null ? 0 : bias[oc];
                        for (int ic = 0; ic < cInPerGroup; ic++)
                        {
                            int channel = group * cInPerGroup + ic;
                            for (int ky = 0; ky < kH; ky++)
                            {
                                int y = oy * stride.H - padding.H + ky * dilation.H;
                                if (y < 0 || y >= h) continue;
                                for (int kx = 0; kx < kW; kx++)
                                {
                                    int x = ox * stride.W - padding.W + kx * dilation.W;
                                    if (x < 0 || x >= w) continue;
                                    sum += (double)input[((b * cIn + channel) * h + y) * w + x] *
                                           weight[((oc * cInPerGroup + ic) * kH + ky) * kW + kx];
                                }
                            }
                        }
                        output[((b * cOut + oc) * oH + oy) * oW + ox] = sum;
                    }
                }
            }
        }
        return output;
    }

    private static void Check(long[] inShape, long[] wShape, bool withBias, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) dilation, int groups)
    {
        LibTorch.ManualSeed(11);
        using var input = Tensor.Randn(inShape);
        using var weight = Tensor.Randn(wShape);
        using var bias = withBias ? Tensor.Randn(wShape[0]) : null;

        double[] expected = ReferenceConv2d(input.ToArray<float>(), inShape, weight.ToArray<float>(), wShape,
            bias?.ToArray<float>(), stride, padding, dilation, groups, out long[] outShape);

        using var result = Torch.Conv2d(input, weight, bias, [stride.H, stride.W], [padding.H, padding.W],
            [dilation.H, dilation.W], groups);
        Assert.Equal(outShape, result.Shape);
        TensorAssert.Close(expected, result, 1e-4);
    }

    [Fact]
    public void Plain()
        => Check([2, 3, 6, 5], [4, 3, 3, 3], withBias: false, (1, 1), (0, 0), (1, 1), groups: 1);

    [Fact]
    public void WithBiasStrideAndPadding()
        => Check([1, 3, 7, 8], [5, 3, 3, 2], withBias: true, (2, 3), (1, 2), (1, 1), groups: 1);

    [Fact]
    public void Grouped()
        => Check([2, 4, 6, 6], [6, 2, 3, 3], withBias: true, (2, 1), (1, 1), (1, 1), groups: 2);

    [Fact]
    public void Depthwise()
        => Check([2, 3, 6, 7], [3, 1, 3, 3], withBias: true, (1, 1), (1, 1), (1, 1), groups: 3);

    [Fact]
    public void DepthwiseWithMultiplierAndStride()
        => Check([1, 4, 9, 9], [8, 1, 3, 3], withBias: false, (2, 2), (1, 1), (1, 1), groups: 4);

    [Fact]
    public void Dilated()
        => Check([1, 2, 9, 9], [3, 2, 3, 3], withBias: true, (1, 1), (2, 2), (2, 2), groups: 1);

    [Fact]
    public void HandComputed()
    {
        // One channel, a 3x3 input and a 2x2 kernel of ones: each output is the sum of a 2x2 window.
        using var input = Tensor.FromData<float>([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3);
        using var weight = Tensor.Ones(1, 1, 2, 2);
        using var bias = Tensor.FromData<float>([0.5f]);
        // With a bias and no other argument the call would be ambiguous with conv2d.padding's overload
        // (a string padding, "valid" by default), so the padding is named.
        using var result = Torch.Conv2d(input, weight, bias, padding: [0, 0]);
        TensorAssert.Shape(result, 1, 1, 2, 2);
        Assert.Equal(new[] { 12.5f, 16.5f, 24.5f, 28.5f }, result.ToArray<float>());
    }

    [Fact]
    public void GroupsNotDividingChannels_Throws()
    {
        using var input = Tensor.Zeros(1, 3, 4, 4);
        using var weight = Tensor.Zeros(4, 1, 3, 3);
        var error = Assert.ThrowsAny<TorchException>(() => Torch.Conv2d(input, weight, groups: 2));
        Assert.False(string.IsNullOrWhiteSpace(error.NativeMessage));
    }
}
