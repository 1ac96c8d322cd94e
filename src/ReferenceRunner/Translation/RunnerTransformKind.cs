namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>What a runner-side transform of a <see cref="FusedPipeline"/> is.</summary>
public enum RunnerTransformKind
{
    /// <summary><c>beam:transform:impulse:v1</c>: one empty byte array in the global window at the min timestamp.</summary>
    Impulse = 0,

    /// <summary><c>beam:transform:flatten:v1</c>: every input element to the output unchanged (inputs already encoded in the output's coder).</summary>
    Flatten = 1,

    /// <summary><c>beam:transform:group_by_key:v1</c> (also the GroupByKey of a lifted CombinePerKey).</summary>
    GroupByKey = 2,

    /// <summary>
    /// <c>beam:transform:reshuffle:v1</c> run as a fusion break: elements pass through unchanged (windows,
    /// timestamps, panes kept), after being committed by the producing stage. The engine runs it as a one-input Flatten.
    /// </summary>
    Reshuffle = 3,

    /// <summary>
    /// One output of a <c>beam:transform:teststream:v1</c>: an engine external input whose elements and watermark the
    /// runner injects from the TestStream's events (<see cref="FusedPipeline.TestStreams"/>).
    /// </summary>
    TestStream = 4,
}
