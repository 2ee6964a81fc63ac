using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Interop.Bench.TorchSharp;

/// <summary>
/// The study's models in TorchSharp. They must have the architecture of python/study_loop.py's
/// (and so of native/torch/zoo): the harness refuses a child whose parameter count differs.
/// </summary>
internal static class Models
{
    public const int SimpleNNFeatures = 32;
    private const int HiddenUnits = 64;

    /// <summary>The torchvision models of the zoo that TorchVision 0.107 has; it has no EfficientNet.</summary>
    public static readonly IReadOnlyList<string> TorchVisionModels = ["resnet18", "resnet50", "vgg16", "mobilenet_v2"];

    public static Module<Tensor, Tensor> Build(Options options) => options.Model switch
    {
        "simple_nn" => new SimpleNN(options.Classes),
        "simple_cnn" => new SimpleCNN(options.Channels, options.Height, options.Width, options.Classes),
        "resnet18" => torchvision.models.resnet18(num_classes: options.Classes),
        "resnet50" => torchvision.models.resnet50(num_classes: options.Classes),
        "vgg16" => torchvision.models.vgg16(num_classes: options.Classes),
        "mobilenet_v2" => torchvision.models.mobilenet_v2(num_classes: options.Classes),
        _ => throw new NotSupportedException(
            $"TorchVision 0.107 has no {options.Model}; the torchsharp engine runs simple_nn, simple_cnn, {string.Join(", ", TorchVisionModels)}"),
    };

    private sealed class SimpleNN : Module<Tensor, Tensor>
    {
        private readonly Linear fc1 = Linear(SimpleNNFeatures, HiddenUnits);
        private readonly Linear fc2;

        public SimpleNN(int classes) : base(nameof(SimpleNN))
        {
            fc2 = Linear(HiddenUnits, classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x) => fc2.forward(functional.relu(fc1.forward(x)));
    }

    private sealed class SimpleCNN : Module<Tensor, Tensor>
    {
        private readonly Conv2d conv1;
        private readonly Conv2d conv2 = Conv2d(32, 64, 3, padding: 1);
        private readonly Linear fc1;
        private readonly Linear fc2;

        public SimpleCNN(int channels, int height, int width, int classes) : base(nameof(SimpleCNN))
        {
            if (height < 4 || width < 4) throw new ArgumentException("simple_cnn needs an input of at least 4x4: it pools by 2 twice");
            conv1 = Conv2d(channels, 32, 3, padding: 1);
            fc1 = Linear(64 * (height / 4) * (width / 4), HiddenUnits);
            fc2 = Linear(HiddenUnits, classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            x = functional.max_pool2d(functional.relu(conv1.forward(x)), 2);
            x = functional.max_pool2d(functional.relu(conv2.forward(x)), 2);
            return fc2.forward(functional.relu(fc1.forward(x.flatten(1))));
        }
    }
}
