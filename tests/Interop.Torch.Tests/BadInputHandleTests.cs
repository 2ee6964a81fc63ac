namespace Interop.Torch.Tests;

/// <summary>Disposed tensors, modules and optimizers used again; disposing twice.</summary>
public class BadInputHandleTests
{
    [Fact]
    public void DisposedTensor_AsResultOfAnOp()
    {
        using var a = Tensor.Ones(2);
        var result = new Tensor();
        result.Dispose();
        BadInputAssert.Rejects<ObjectDisposedException>(() => Torch.Relu(a, result: result), nameof(Tensor));
    }

    [Fact]
    public void DisposedTensor_AsOneOfTwoResults()
    {
        using var a = Tensor.Ones(2, 3);
        var values = new Tensor();
        values.Dispose();
        using var indices = new Tensor();
        BadInputAssert.Rejects<ObjectDisposedException>(() => Torch.Max(a, 1, results: (values, indices)));
        BadInputAssert.Rejects<ObjectDisposedException>(() => Torch.Max(a, 1, results: (indices, values)));
    }

    [Fact]
    public void DisposedModule_Forward_Train_And_Parameters()
    {
        var layer = Layers.Linear(2, 2);
        layer.Dispose();
        using var x = Tensor.Ones(1, 2);
        BadInputAssert.Rejects<ObjectDisposedException>(() => layer.Forward(x), nameof(NativeModule));
        BadInputAssert.Rejects<ObjectDisposedException>(() => layer.Train(), nameof(NativeModule));
        BadInputAssert.Rejects<ObjectDisposedException>(() => layer.Parameters(), nameof(NativeModule));
        BadInputAssert.Rejects<ObjectDisposedException>(() => Layers.Sequential(layer), nameof(NativeModule));
    }

    [Fact]
    public void DisposedOptimizer_Step_And_LearningRate()
    {
        using var layer = Layers.Linear(2, 2);
        Tensor[] parameters = layer.Parameters();
        var optimizer = Optimizer.Sgd(parameters, learningRate: 0.1);
        optimizer.Dispose();
        BadInputAssert.Rejects<ObjectDisposedException>(() => optimizer.Step(), nameof(Optimizer));
        BadInputAssert.Rejects<ObjectDisposedException>(() => optimizer.ZeroGrad(), nameof(Optimizer));
        BadInputAssert.Rejects<ObjectDisposedException>(() => optimizer.LearningRate, nameof(Optimizer));
        foreach (var p in parameters) p.Dispose();
    }

    [Fact]
    public void DisposedTensor_AsAnOptimizerParameter()
    {
        var parameter = Tensor.Ones(2);
        parameter.Dispose();
        BadInputAssert.Rejects<ObjectDisposedException>(() => Optimizer.Sgd([parameter], 0.1), nameof(Tensor));
    }

    [Fact]
    public void DoubleDispose_OfModuleAndOptimizer_IsHarmless()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            var layer = Layers.Linear(2, 2);
            Tensor[] parameters = layer.Parameters();
            var optimizer = Optimizer.Adam(parameters);
            optimizer.Dispose();
            optimizer.Dispose();
            layer.Dispose();
            layer.Dispose();
            foreach (var p in parameters)
            {
                p.Dispose();
                p.Dispose();
            }
            Assert.True(layer.IsClosed && optimizer.IsClosed);
        });
    }
}
