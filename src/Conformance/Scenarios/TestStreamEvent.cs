namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// One step of a TestStream's script, mirroring beam_runner_api.proto <c>TestStreamPayload.Event</c>
/// (testdata/README.md, "TestStream", format version 2). The runner applies the events one at a time, in order,
/// bringing the pipeline to quiescence between them.
/// </summary>
public abstract record TestStreamEvent
{
    private TestStreamEvent() { }

    /// <summary>The output tag (a key of the transform's <c>outputs</c>) the event applies to, or null for a
    /// processing-time advance (which moves the one processing-time clock of the job).</summary>
    public abstract string? Tag { get; }

    /// <summary><c>Event.AddElements</c>: elements with their event timestamps, emitted on one output.</summary>
    /// <param name="Tag">The output tag.</param>
    /// <param name="Elements">The elements; each has a timestamp (ms).</param>
    public sealed record AddElements(string Tag, IReadOnlyList<ElementSpec> Elements) : TestStreamEvent
    {
        /// <inheritdoc />
        public override string? Tag { get; } = Tag;
    }

    /// <summary><c>Event.AdvanceWatermark</c>: the output's watermark moves to <paramref name="NewWatermarkMillis"/>.</summary>
    /// <param name="Tag">The output tag.</param>
    /// <param name="NewWatermarkMillis">The new watermark (ms since the epoch; <c>max_timestamp</c> for +∞).</param>
    public sealed record AdvanceWatermark(string Tag, long NewWatermarkMillis) : TestStreamEvent
    {
        /// <inheritdoc />
        public override string? Tag { get; } = Tag;
    }

    /// <summary><c>Event.AdvanceProcessingTime</c>: the job's processing-time clock moves forward.</summary>
    /// <param name="AdvanceMillis">How far (ms, &gt; 0; any value in a served TestStream whose scenario expects a
    /// failure at run).</param>
    public sealed record AdvanceProcessingTime(long AdvanceMillis) : TestStreamEvent
    {
        /// <inheritdoc />
        public override string? Tag => null;
    }

    /// <summary>An <c>Event</c> with none of its cases set (<c>empty: {}</c>): only in a served TestStream whose
    /// scenario expects a failure at run (a runner must refuse it).</summary>
    public sealed record Empty : TestStreamEvent
    {
        /// <inheritdoc />
        public override string? Tag => null;
    }
}
