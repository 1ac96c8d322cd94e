namespace BeamConformance.Conformance.Scenarios;

/// <summary>One conformance scenario (format version 1), loaded by <see cref="ScenarioLoader"/>.</summary>
/// <param name="Id">Its id (= path under <c>scenarios/</c>).</param>
/// <param name="Description">What behaviour it checks.</param>
/// <param name="Spec">The URN, proto field or Beam doc section it checks.</param>
/// <param name="Features">Feature tags (registered in <c>features.yaml</c>).</param>
/// <param name="TimeoutMillis">Time allowed for the whole scenario, ms (default 30 000).</param>
/// <param name="Pipeline">The submitted pipeline.</param>
/// <param name="Expect">What must come out.</param>
/// <param name="JobApi">Job API steps run after Run.</param>
/// <param name="SourcePath">The file it was loaded from.</param>
public sealed record Scenario(
    ScenarioId Id,
    string Description,
    string Spec,
    IReadOnlyList<string> Features,
    long TimeoutMillis,
    PipelineSpec Pipeline,
    ScenarioExpectation Expect,
    IReadOnlyList<JobApiStep> JobApi,
    string SourcePath)
{
    /// <summary>The default <see cref="TimeoutMillis"/>.</summary>
    public const long DefaultTimeoutMillis = 30_000;

    /// <summary>
    /// The optional <c>split_mode</c> key: the runner-initiated channel splits asked of the runner (<c>none</c>,
    /// <c>fraction:F</c>, <c>random:SEED</c>, <c>every-element</c>), sent as the pipeline option
    /// <c>beam:option:split_mode:v1</c> (the ReferenceRunner's <c>--split_mode</c>; other runners ignore it); null when absent.
    /// </summary>
    public string? SplitMode { get; init; }

    /// <summary>
    /// The optional <c>drain</c> key: true runs the job drained, sent as the pipeline option <c>beam:option:drain:v1</c>
    /// (the ReferenceRunner's <c>--drain</c>: splittable DoFns truncate their restrictions; other runners ignore it).
    /// </summary>
    public bool Drain { get; init; }

    /// <summary>
    /// The optional <c>max_bundle_attempts</c> key (1 to 100): how many times the runner may run a failed bundle, sent
    /// as the pipeline option <c>beam:option:max_bundle_attempts:v1</c> (the ReferenceRunner's
    /// <c>--max_bundle_attempts</c>; other runners follow their own retry policy); null when absent.
    /// </summary>
    public int? MaxBundleAttempts { get; init; }

    /// <summary>
    /// The optional <c>pipeline_options</c> key: more pipeline options, by the name sent (e.g.
    /// <c>beam:option:streaming:v1</c>), each a string, a number (double) or a bool; sent after, and so over, the options
    /// of <see cref="SplitMode"/>, <see cref="Drain"/> and <see cref="MaxBundleAttempts"/>. Empty when absent.
    /// </summary>
    public IReadOnlyDictionary<string, object> PipelineOptions { get; init; } = new Dictionary<string, object>();

    /// <summary>
    /// The optional <c>environment_id</c> key: the id the submitted pipeline gives the FakeHarness's environment (its
    /// components' key and every SDK transform's and windowing strategy's <c>environment_id</c>) instead of
    /// <c>fakeharness</c>; null when absent. A pipeline names its environments freely, so a runner must not trust the
    /// id's characters (e.g. in a worker id sent as gRPC metadata, printable ASCII only).
    /// </summary>
    public string? EnvironmentId { get; init; }

    /// <summary>The scenario's area (first id segment).</summary>
    public string Area => Id.Area;

    /// <summary>The format version the file declares (<c>format</c>; 1 when absent).</summary>
    public int FormatVersion { get; init; } = ScenarioFormat.OldestVersion;
}
