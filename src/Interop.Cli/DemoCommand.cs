using System.CommandLine;
using Interop.Torch;

namespace Interop.Cli;

// Inside namespace Interop.*, a plain `Torch` names the namespace Interop.Torch; the alias names the ops.
using Torch = Interop.Torch.Torch;

/// <summary>A short tour of the engine: what `./build.sh` runs.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "A short tour: tensors, zero-copy buffers, autograd and errors.");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        Console.WriteLine($"libtorch {LibTorch.Version}, {LibTorch.Threads} thread(s), CUDA available: {LibTorch.CudaIsAvailable}");

        using Tensor t = Tensor.FromData(new long[,] { { 1, 2 }, { 3, 4 } });
        using Tensor plusTwo = t + 2;
        Console.WriteLine($"tensor([[1,2],[3,4]]) + 2 = {plusTwo}");

        float[] buffer = [1, 2, 3, 4, 5, 6];
        using (Tensor view = Tensor.FromArray(buffer, 2, 3))
        {
            view.MulInPlace(10);
            Console.WriteLine($"zero-copy: the tensor wrote into the C# array: [{string.Join(", ", buffer)}]");
        }

        using Tensor x = Tensor.FromData<float>([1, 2, 3]);
        x.RequiresGrad = true;
        using Tensor squares = x * x;
        using Tensor y = Torch.Sum(squares);
        y.Backward();
        using Tensor grad = x.Grad();
        Console.WriteLine($"d/dx sum(x^2) at x = {x}: {grad}");

        using Tensor a = Tensor.Ones(2, 3);
        using Tensor b = Tensor.Ones(2, 3);
        try
        {
            using Tensor product = Torch.Matmul(a, b);
        }
        catch (TorchException e)
        {
            Console.WriteLine($"matmul of 2x3 by 2x3 throws {e.GetType().Name}: {e.Message}");
        }
        Console.WriteLine($"live native handles: {LibTorch.LiveHandles}");
        return 0;
    }
}
