using System.Text.Json.Serialization;

namespace Interop.Cli.Bench;

/// <summary>The document results.json holds: the run's context next to its records, so a file read on its own still says what produced it.</summary>
internal sealed record BenchReport(BenchContext Context, IReadOnlyList<BenchRecord> Records);

/// <summary>
/// Source-generated so that the trimmed CLI keeps its serializer. Nulls are written, not
/// omitted: a reader of the study must see "does not apply" as a field, not guess it from a gap.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
