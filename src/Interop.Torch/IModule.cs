namespace Interop.Torch;

/// <summary>What the training and inference loops drive: a native module or a C# <see cref="Module"/>.</summary>
public interface IModule
{
    /// <summary>
    /// module(input): assigned into <paramref name="result"/> and <paramref name="result"/>
    /// returned, or, PyTorch's style, a new tensor that the caller then owns. The training and
    /// inference loops take either; writing into <paramref name="result"/> keeps them allocation-free.
    /// </summary>
    Tensor Forward(Tensor input, Tensor? result = null);

    /// <summary>Training mode (true) or evaluation mode (false), for the module and its children.</summary>
    void SetTraining(bool training);

    /// <summary>True in training mode.</summary>
    bool IsTraining { get; }

    /// <summary>Writes the parameters and buffers to <paramref name="path"/>, in libtorch's archive layout.</summary>
    void Save(string path);
}
