namespace BeamConformance.Engine;

/// <summary>What runs a stage.</summary>
public enum StageKind
{
    /// <summary>A fused ExecutableStage run by an SDK harness: the engine hands out bundles and takes their committed outputs.</summary>
    Sdk = 0,

    /// <summary>Runner-side Impulse (<c>beam:transform:impulse:v1</c>): one element, the empty byte array (nested encoding <c>00</c>), in the global window at the min timestamp, then the watermark jumps to the max.</summary>
    Impulse = 1,

    /// <summary>Runner-side Flatten (<c>beam:transform:flatten:v1</c>): every input element goes to the one output unchanged.</summary>
    Flatten = 2,

    /// <summary>Runner-side GroupByKey (<c>beam:transform:group_by_key:v1</c>) with its input's windowing strategy.</summary>
    GroupByKey = 3,

    /// <summary>A source whose elements and watermark the runner injects (<see cref="JobEngine.AddElements"/>, <see cref="JobEngine.AdvanceWatermark"/>): TestStream, tests.</summary>
    ExternalInput = 4,
}
