namespace Interop.Torch.Tests.Conformance;

// A fixture gives a Scalar argument as a plain number when the libtorch it was recorded on took
// an int there (1.13's std.correction: int? correction; 2.x: Scalar?).
internal static partial class OpInvoker
{
    private static Scalar RequiredScalar(object? value) => OptionalScalar(value) ?? throw new ArgumentNullException(nameof(value));

    private static Scalar? OptionalScalar(object? value) => value switch
    {
        null => null,
        Scalar scalar => scalar,
        long integer => integer,
        double real => real,
        bool flag => flag,
        _ => throw new InvalidCastException($"{value.GetType()} is not a Scalar"),
    };
}
