using BeamConformance.Engine;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>
/// One fused ExecutableStage: SDK-executed transforms of one environment, run by one SDK worker as one
/// <c>ProcessBundleDescriptor</c> (<c>beam_fn_api.proto</c>). Main inputs arrive through
/// <c>beam:runner:source:v1</c> transforms and outputs leave through <c>beam:runner:sink:v1</c> transforms,
/// each with a <c>RemoteGrpcPort</c> naming the data endpoint and the wire coder.
/// </summary>
public sealed class ExecutableStagePlan
{
    private readonly ProcessBundleDescriptor _template;

    internal ExecutableStagePlan(
        StageId stageId,
        string environmentId,
        IReadOnlyList<string> transformIds,
        IReadOnlyList<StageDataInput> inputs,
        IReadOnlyList<StageDataOutput> outputs,
        IReadOnlyList<StageSideInput> sideInputs,
        ProcessBundleDescriptor template,
        IReadOnlyList<StageUserState>? userStates = null,
        long userStateAllowedLatenessMillis = 0,
        StageSplittableRoot? splittable = null)
    {
        Splittable = splittable;
        UserStates = userStates ?? [];
        UserStateAllowedLatenessMillis = userStateAllowedLatenessMillis;
        StageId = stageId;
        EnvironmentId = environmentId;
        TransformIds = transformIds;
        Inputs = inputs;
        Outputs = outputs;
        SideInputs = sideInputs;
        _template = template;
    }

    /// <summary>The engine stage id (unique in the job; also a good descriptor id).</summary>
    public StageId StageId { get; }

    /// <summary>The pipeline environment whose SDK worker runs the stage.</summary>
    public string EnvironmentId { get; }

    /// <summary>The pipeline transforms fused into the stage, in topological order (data ports excluded).</summary>
    public IReadOnlyList<string> TransformIds { get; }

    /// <summary>The main inputs (several when the stage reads several PCollections).</summary>
    public IReadOnlyList<StageDataInput> Inputs { get; }

    /// <summary>The outputs the runner collects.</summary>
    public IReadOnlyList<StageDataOutput> Outputs { get; }

    /// <summary>The side inputs read over the State API.</summary>
    public IReadOnlyList<StageSideInput> SideInputs { get; }

    /// <summary>
    /// The user state declared by the stage's stateful ParDo (empty for a stateless stage). A stateful ParDo always
    /// starts its stage, so its main input is the stage's one data input (<see cref="Inputs"/>[0], a KV whose key
    /// bytes are the state keys).
    /// </summary>
    public IReadOnlyList<StageUserState> UserStates { get; }

    /// <summary>
    /// The user timer families of the stage's stateful ParDo (empty when it has none), ordered by family id: each is a
    /// timer endpoint of the stage's bundles on the data plane (<c>timer_api_service_descriptor</c>).
    /// </summary>
    public IReadOnlyList<StageTimerFamily> TimerFamilies { get; init; } = [];

    /// <summary>
    /// The stateful ParDo requires time-sorted input (<c>ParDoPayload.requires_time_sorted_input</c>): the engine hands
    /// out each element once the input watermark passed its timestamp + allowed lateness, earliest first.
    /// </summary>
    public bool RequiresTimeSortedInput { get; init; }

    /// <summary>True when the stage runs a stateful ParDo (<c>beam:requirement:pardo:stateful:v1</c>): keyed input, user state or timers.</summary>
    public bool IsStateful => UserStates.Count > 0 || TimerFamilies.Count > 0;

    /// <summary>
    /// The allowed lateness (ms) of the stateful ParDo's input windowing: a state cell of window <c>w</c> is garbage
    /// once the stage's input watermark is past <c>w.MaxTimestamp + lateness</c>.
    /// </summary>
    public long UserStateAllowedLatenessMillis { get; }

    /// <summary>
    /// The splittable DoFn's Process part when it starts the stage (its main input is <see cref="Inputs"/>[0]); null for
    /// other stages. Bundles of such a stage may answer splits with primary and residual roots (element splits).
    /// </summary>
    public StageSplittableRoot? Splittable { get; }

    /// <summary>
    /// Builds the descriptor served by <c>GetProcessBundleDescriptor</c>: a fresh copy each call, whose data ports
    /// point at <paramref name="dataEndpoint"/> and whose <c>state_api_service_descriptor</c> (and
    /// <c>timer_api_service_descriptor</c>) is <paramref name="stateEndpoint"/>.
    /// </summary>
    /// <param name="descriptorId">The descriptor id (<c>ProcessBundleRequest.process_bundle_descriptor_id</c>).</param>
    /// <param name="dataEndpoint">The BeamFnData endpoint.</param>
    /// <param name="stateEndpoint">The BeamFnState endpoint (usually the same Fn API endpoint).</param>
    /// <exception cref="ArgumentException"><paramref name="descriptorId"/> is empty.</exception>
    public ProcessBundleDescriptor BuildDescriptor(string descriptorId, ApiServiceDescriptor dataEndpoint, ApiServiceDescriptor stateEndpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(descriptorId);
        ArgumentNullException.ThrowIfNull(dataEndpoint);
        ArgumentNullException.ThrowIfNull(stateEndpoint);
        var descriptor = _template.Clone();
        descriptor.Id = descriptorId;
        foreach (var port in Inputs.Select(static i => i.TransformId).Concat(Outputs.Select(static o => o.TransformId)))
        {
            var transform = descriptor.Transforms[port];
            var grpcPort = RemoteGrpcPort.Parser.ParseFrom(transform.Spec.Payload);
            grpcPort.ApiServiceDescriptor = dataEndpoint.Clone();
            transform.Spec.Payload = grpcPort.ToByteString();
        }

        descriptor.StateApiServiceDescriptor = stateEndpoint.Clone();
        descriptor.TimerApiServiceDescriptor = dataEndpoint.Clone();
        return descriptor;
    }

    /// <summary>The same stage whose descriptors carry <paramref name="environments"/> (the staged ones) instead.</summary>
    internal ExecutableStagePlan WithEnvironments(Google.Protobuf.Collections.MapField<string, Org.Apache.Beam.Model.Pipeline.V1.Environment> environments)
    {
        var template = _template.Clone();
        template.Environments.Clear();
        template.Environments.Add(environments);
        return new ExecutableStagePlan(StageId, EnvironmentId, TransformIds, Inputs, Outputs, SideInputs, template, UserStates, UserStateAllowedLatenessMillis, Splittable)
        {
            TimerFamilies = TimerFamilies,
            RequiresTimeSortedInput = RequiresTimeSortedInput,
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{StageId} [{EnvironmentId}]: {string.Join(" + ", Inputs.Select(static i => i.PCollection))} -> {string.Join(", ", TransformIds)} -> {string.Join(" + ", Outputs.Select(static o => o.PCollection))}";
}
