namespace BeamConformance.Engine;

/// <summary>
/// The first time an SDK stage output an element with a timestamp behind every input element of its bundle:
/// one of its ParDos moved timestamps back (Java's ParDo refuses that beyond the DoFn's allowed timestamp skew).
/// Under streaming semantics such elements may be behind the watermark already, and be dropped as late.
/// </summary>
/// <param name="Stage">The SDK stage.</param>
/// <param name="Output">The output PCollection that got the element.</param>
/// <param name="InputTimestampMillis">The earliest timestamp (ms) among the bundle's input elements.</param>
/// <param name="OutputTimestampMillis">The output element's timestamp (ms), below <paramref name="InputTimestampMillis"/>.</param>
public sealed record TimestampRegression(StageId Stage, PCollectionId Output, long InputTimestampMillis, long OutputTimestampMillis);
