using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal.Preparers;

/// <summary>
/// A family whose transforms are leaves of the expanded pipeline: its shape check, its other checks at Prepare,
/// and whether an SDK harness (<see cref="SdkTransformPreparer"/>) or the runner (<see cref="RunnerTransformPreparer"/>)
/// runs it.
/// </summary>
internal abstract class LeafPreparer : TransformPreparer
{
    private static readonly IReadOnlyDictionary<string, string> NoSideInputs = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, TimerFamily> NoTimers = new Dictionary<string, TimerFamily>();

    /// <summary>True: fused into an executable stage run by the SDK harness of the transform's environment; false: run by the runner between stages.</summary>
    public abstract bool RunsInSdk { get; }

    /// <inheritdoc />
    public override void Expand(PipelineGraph graph, string id, Proto.PTransform transform, int depth) => graph.AddLeaf(id, transform, this);

    /// <summary>
    /// The transform's side inputs: local input name → access pattern URN (<c>beam:side_input:*</c>). Inputs not
    /// listed are main inputs. Only ParDo has side inputs; a payload that does not parse is reported to <paramref name="problems"/>.
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> SideInputs(string id, Proto.PTransform transform, List<ValidationProblem> problems) => NoSideInputs;

    /// <summary>
    /// The user state the leaf declares: state id → State API protocol URN (<c>beam:user_state:*</c>); empty for a
    /// stateless leaf. A leaf with user state starts its own stage (its input keyed by the runner).
    /// </summary>
    public virtual IReadOnlyDictionary<string, string> UserStates(Leaf leaf) => NoSideInputs;

    /// <summary>
    /// The user timer families the leaf declares: timer family id → time domain and timer coder id; empty for a leaf
    /// without timers. A leaf with timers is stateful like one with user state (keyed, its own stage).
    /// </summary>
    public virtual IReadOnlyDictionary<string, TimerFamily> TimerFamilies(Leaf leaf) => NoTimers;

    /// <summary>
    /// True when the leaf must be the first transform of its own executable stage, its main input sent by the runner:
    /// a stateful ParDo (user state or timers: the runner keys its input) and a splittable DoFn's Process part (element
    /// splits address it).
    /// </summary>
    public virtual bool StartsOwnStage(Leaf leaf) => UserStates(leaf).Count > 0 || TimerFamilies(leaf).Count > 0;

    /// <summary>True when the (stateful) leaf requires its input sorted by timestamp per key (<c>requires_time_sorted_input</c>).</summary>
    public virtual bool RequiresTimeSortedInput(Leaf leaf) => false;

    /// <summary>What is wrong with the leaf's inputs and outputs (a sentence), or null when its shape is right.</summary>
    public abstract string? ShapeProblem(Leaf leaf);

    /// <summary>Everything else the runner must refuse about the leaf at Prepare (environment, payload features, coders, windowing).</summary>
    /// <param name="graph">The expanded pipeline.</param>
    /// <param name="leaf">A leaf of this family.</param>
    /// <param name="problems">Where problems go; a problem already listed is not added twice.</param>
    public virtual void Check(PipelineGraph graph, Leaf leaf, List<ValidationProblem> problems)
    {
    }

    /// <summary>
    /// The runner-safe element and window coder ids of <paramref name="leaf"/>'s output on the wire, or null for
    /// the default: the runner-safe versions of the output PCollection's own coder and window coder.
    /// </summary>
    /// <exception cref="PipelineTranslationException">The output cannot be coded (a problem the validator also reports).</exception>
    public virtual (string Element, string Window)? OutputCoderIds(PipelineGraph graph, WireCodings codings, Leaf leaf) => null;
}
