namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>Who runs a leaf transform.</summary>
internal enum LeafKind
{
    /// <summary>Executed by an SDK harness inside an executable stage.</summary>
    Sdk,
    Impulse,
    Flatten,
    GroupByKey,
    Reshuffle,

    /// <summary><c>beam:transform:teststream:v1</c>: a runner-side source, one engine external input per output.</summary>
    TestStream,
}
