namespace BeamConformance.Conformance.Scenarios;

/// <summary>
/// The typed payload of a transform, chosen by its URN (testdata/README.md, "Transforms"). Each of our
/// <c>:v1</c> payloads is frozen: later behaviour (state, timers, restrictions) comes as new optional
/// keys or new URNs.
/// </summary>
public abstract record TransformPayload
{
    private TransformPayload() { }

    /// <summary>The shared empty payload.</summary>
    public static TransformPayload Empty { get; } = new None();

    /// <summary>No payload (impulse, group_by_key, flatten, reshuffle, window_into, capture, stall, read_side_inputs, opaque).</summary>
    public sealed record None : TransformPayload;

    /// <summary><c>beamconformance:transform:create:v1</c>.</summary>
    /// <param name="Elements">Elements emitted per input element, typed by the output coder.</param>
    public sealed record Create(IReadOnlyList<ElementSpec> Elements) : TransformPayload;

    /// <summary><c>beamconformance:transform:map:v1</c>.</summary>
    /// <param name="Fn">The function.</param>
    public sealed record Map(ElementFn Fn) : TransformPayload;

    /// <summary><c>beamconformance:transform:flat_map:v1</c>.</summary>
    /// <param name="Fn">The function.</param>
    public sealed record FlatMap(FlatFn Fn) : TransformPayload;

    /// <summary><c>beamconformance:transform:filter:v1</c>.</summary>
    /// <param name="Predicate">Elements for which it holds are kept.</param>
    public sealed record Filter(Predicate Predicate) : TransformPayload;

    /// <summary><c>beamconformance:transform:key_by:v1</c>: x → kv(key(x), x).</summary>
    /// <param name="Key">Computes the key.</param>
    public sealed record KeyBy(ElementFn Key) : TransformPayload;

    /// <summary><c>beamconformance:transform:multi_output:v1</c>.</summary>
    /// <param name="Routes">Output tag → predicate; an element goes to every route whose predicate holds.</param>
    public sealed record MultiOutput(IReadOnlyDictionary<string, Predicate> Routes) : TransformPayload;

    /// <summary><c>beamconformance:transform:fail_on:v1</c>.</summary>
    /// <param name="When">The first element for which it holds fails the bundle.</param>
    /// <param name="Message">Text the error contains.</param>
    public sealed record FailOn(Predicate When, string Message) : TransformPayload;

    /// <summary><c>beam:transform:combine_per_key:v1</c>, <c>combine_globally:v1</c>, <c>combine_grouped_values:v1</c>.</summary>
    /// <param name="Fn">The combine fn.</param>
    public sealed record Combine(CombineFnKind Fn) : TransformPayload;

    /// <summary><c>beam:transform:teststream:v1</c> (format version 2): the events, in order. Every output shares
    /// one coder (<c>TestStreamPayload.coder_id</c>), that of its output PCollections.</summary>
    /// <param name="Events">The script.</param>
    public sealed record TestStream(IReadOnlyList<TestStreamEvent> Events) : TransformPayload
    {
        /// <summary>True (<c>served: true</c>): the suite hosts a <c>TestStreamService</c> for the run that streams
        /// <see cref="Events"/>, and submits the payload with its <c>endpoint</c> and no events (testdata/README.md,
        /// "Served TestStream events").</summary>
        public bool Served { get; init; }

        /// <summary>When set (<c>fail_after: N</c>, served only), the service ends the stream with UNAVAILABLE after
        /// sending the first N events.</summary>
        public int? FailAfter { get; init; }

        /// <summary>When set (<c>endpoint_override</c>, served only), the payload's <c>endpoint.url</c> is this text
        /// and no service is hosted: how a runner's check of a malformed endpoint is reached.</summary>
        public string? EndpointOverride { get; init; }
    }
}
