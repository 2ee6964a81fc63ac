namespace Interop.Data.Tests;

/// <summary>
/// The real Fashion-MNIST files from Debian's dataset-fashion-mnist package, loaded once for
/// every test in <see cref="FashionMnistRealDataTests"/>. Missing files fail those tests with
/// the loader's message, which says what to install: the package is part of the build's setup.
/// </summary>
public sealed class FashionMnistFiles
{
    /// <summary>The training split in [0, 1], to check the pixels against the default normalisation.</summary>
    public ImageDataset Train { get; } = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Train, PixelNormalization.None);

    /// <summary>The test split with the default normalisation, as training loops load it.</summary>
    public ImageDataset Test { get; } = FashionMnist.Load(FashionMnist.DefaultFolder, DatasetSplit.Test);
}
