namespace Interop.Torch.Tests;

// PyTorch's add_param_group: a group with its own weight decay, the rest of its settings and the
// learning rate shared. With a zero gradient only the decay moves a weight, so each group's
// decay shows alone.
public class ParameterGroupTests
{
    [Fact]
    public void EachGroupDecaysByItsOwnWeightDecay_AndInheritsTheRest()
    {
        using var decayed = Tensor.Ones(2);
        using var spared = Tensor.Ones(2);
        using var inheriting = Tensor.Ones(2);
        using var optimizer = Optimizer.Sgd([decayed], learningRate: 0.1, weightDecay: 0.5);
        optimizer.AddParameterGroup([spared], weightDecay: 0);
        optimizer.AddParameterGroup([inheriting]);
        StepWithZeroGradients(optimizer, decayed, spared, inheriting);

        // SGD: w -= lr * (grad + decay * w).
        Assert.All(decayed.ToArray<float>(), w => Assert.Equal(0.95f, w, 6));
        Assert.Equal([1f, 1f], spared.ToArray<float>());
        Assert.All(inheriting.ToArray<float>(), w => Assert.Equal(0.95f, w, 6));
    }

    [Fact]
    public void AdamW_LeavesAGroupWithoutDecayUntouched_AndTheLearningRateSetsEveryGroup()
    {
        using var decayed = Tensor.Ones(3);
        using var spared = Tensor.Ones(3);
        using var optimizer = Optimizer.AdamW([decayed], learningRate: 0.1, weightDecay: 0.2);
        optimizer.AddParameterGroup([spared], weightDecay: 0);
        optimizer.LearningRate = 0.05;
        StepWithZeroGradients(optimizer, decayed, spared);

        // AdamW's decoupled decay: w *= 1 - lr * decay; a zero gradient adds no Adam update.
        Assert.All(decayed.ToArray<float>(), w => Assert.Equal(0.99f, w, 6));
        Assert.Equal([1f, 1f, 1f], spared.ToArray<float>());
    }

    [Fact]
    public void ATensorInTwoGroups_OrAnEmptyGroup_IsRefused()
    {
        using var weight = Tensor.Ones(2);
        using var other = Tensor.Ones(2);
        weight.RequiresGrad = true;
        using var optimizer = Optimizer.Adam([weight]);
        BadInputAssert.Rejects<TorchArgumentException>(() => optimizer.AddParameterGroup([weight], weightDecay: 0),
            "already in one of the optimizer's groups");
        BadInputAssert.Rejects<TorchArgumentException>(() => optimizer.AddParameterGroup([]), "at least one parameter");
        BadInputAssert.Rejects<TorchArgumentException>(() => optimizer.AddParameterGroup([other], weightDecay: -1), "must not be negative");
    }

    private static void StepWithZeroGradients(Optimizer optimizer, params Tensor[] weights)
    {
        foreach (Tensor weight in weights) weight.RequiresGrad = true;
        optimizer.ZeroGrad();
        foreach (Tensor weight in weights)
        {
            using Tensor zero = Torch.Mul(weight, 0);
            using Tensor loss = Torch.Sum(zero);
            loss.Backward();
        }
        optimizer.Step();
    }
}
