using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The models of the TensorFlow-vs-PyTorch study, built natively in the shim with random
/// weights (no downloads). Their parameter counts equal torchvision's at 1000 classes.
/// </summary>
public static unsafe class Zoo
{
    /// <summary>Every model name <see cref="Create"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["simple_nn", "simple_cnn", "resnet18", "resnet50", "vgg16", "mobilenet_v2", "efficientnet_b0"];

    /// <summary>A zoo model by name, for inputs of <paramref name="inChannels"/> x <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static NativeModule Create(string name, long classes = 1000, long inChannels = 3, long height = 224,
        long width = 224)
    {
        byte[] utf8 = NativeText.ToUtf8(name, nameof(name));
        var module = NativeModule.Unbound();
        itorch_module* created;
        fixed (byte* text = utf8)
        {
            return NativeModule.Adopt(Itorch.itorch_module_zoo(&created, text, classes, inChannels, height, width),
                created, module);
        }
    }

    /// <summary>The study's MLP: Linear 32->64, ReLU, Linear 64->10.</summary>
    public static NativeModule SimpleNN() => Create("simple_nn", classes: 10, inChannels: 32, height: 1, width: 1);

    /// <summary>The study's CNN: two conv-ReLU-maxpool stages, then Linear -> 64 -> classes.</summary>
    public static NativeModule SimpleCNN(long inChannels = 3, long height = 32, long width = 32, long classes = 10) =>
        Create("simple_cnn", classes, inChannels, height, width);
}
