namespace Interop.Torch;

/// <summary>What the training and inference loops drive: a native module or a C# <see cref="Module"/>.</summary>
public interface IModule
{
    /// <summary>module(input): a new tensor, or assigned into <paramref name="result"/>.</summary>
    Tensor Forward(Tensor input, Tensor? result = null);

    /// <summary>Training mode (true) or evaluation mode (false), for the module and its children.</summary>
    void SetTraining(bool training);

    /// <summary>True in training mode.</summary>
    bool IsTraining { get; }
}
