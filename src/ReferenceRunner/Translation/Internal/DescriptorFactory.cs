using BeamConformance.Engine;
using BeamConformance.Model;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// Builds the <c>ProcessBundleDescriptor</c> template and the plan of one executable stage: the member
/// transforms as submitted, one <c>beam:runner:source:v1</c> per main input and one <c>beam:runner:sink:v1</c>
/// per output, each with a <c>RemoteGrpcPort</c> whose coder is the PCollection's windowed wire coder; side inputs
/// whose coder had to be made runner-safe are re-pointed at a copy of their PCollection using that coder, so the
/// SDK decodes the State API bytes as the runner stored them.
/// </summary>
internal static class DescriptorFactory
{
    public static ExecutableStagePlan Plan(StageDraft stage, PipelineGraph graph, WireCodings codings)
    {
        var descriptor = new ProcessBundleDescriptor { Id = stage.Id };
        var extraPCollections = new Dictionary<string, Proto.PCollection>();
        var sideInputs = new List<StageSideInput>();
        foreach (var member in stage.Members)
        {
            var transform = member.Transform.Clone();
            var mappings = member.SideInputs.Count == 0
                ? null
                : Proto.ParDoPayload.Parser.ParseFrom(transform.Spec.Payload).SideInputs;
            foreach (var (local, pcollection, accessPattern) in member.SideInputs)
            {
                var coding = codings.Ensure(pcollection);
                var elementCoderId = codings.Ids(pcollection).Element;
                var original = graph.PCollection(pcollection);
                if (elementCoderId != original.CoderId)
                {
                    var copyId = pcollection + "/runner-safe";
                    var copy = original.Clone();
                    copy.CoderId = elementCoderId;
                    extraPCollections[copyId] = copy;
                    transform.Inputs[local] = copyId;
                }

                sideInputs.Add(new StageSideInput(member.Id, local, new PCollectionId(pcollection), accessPattern, coding)
                {
                    WindowMappingUrn = mappings![local].WindowMappingFn?.Urn ?? "",
                });
            }

            descriptor.Transforms[member.Id] = transform;
        }

        var inputs = new List<StageDataInput>();
        foreach (var input in stage.Inputs)
        {
            var coding = codings.Ensure(input);
            var id = Unique(descriptor, $"{stage.Id}/source/{input}");
            descriptor.Transforms[id] = Port(id, Urns.Transforms.DataSource, coding.CoderId, outputs: input);
            inputs.Add(new StageDataInput(new PCollectionId(input), id, coding));
        }

        var outputs = new List<StageDataOutput>();
        foreach (var (pcollection, enginePCollection, _) in stage.Sinks)
        {
            var coding = codings.Ensure(enginePCollection);
            var id = Unique(descriptor, $"{stage.Id}/sink/{enginePCollection}");
            descriptor.Transforms[id] = Port(id, Urns.Transforms.DataSink, coding.CoderId, inputs: pcollection);
            outputs.Add(new StageDataOutput(new PCollectionId(enginePCollection), id, coding));
        }

        foreach (var transform in descriptor.Transforms.Values.ToList())
        {
            foreach (var pcollection in transform.Inputs.Values.Concat(transform.Outputs.Values))
            {
                descriptor.Pcollections[pcollection] = extraPCollections.TryGetValue(pcollection, out var extra) ? extra : graph.PCollection(pcollection);
            }
        }

        descriptor.WindowingStrategies.Add(graph.Components.WindowingStrategies);
        foreach (var (id, coder) in graph.Coders.All)
        {
            descriptor.Coders[id] = coder;
        }

        descriptor.Environments.Add(graph.Components.Environments);
        // A stateful ParDo is always its stage's first member (the fuser starts a stage for it); transcoding stages have none.
        var stateful = stage.Members.FirstOrDefault();
        var userStates = stateful is null ? [] : stateful.Preparer.UserStates(stateful)
            .OrderBy(static s => s.Key, StringComparer.Ordinal)
            .Select(s => new StageUserState(stateful.Id, s.Key, s.Value))
            .ToList();
        var timerFamilies = stateful is null ? [] : stateful.Preparer.TimerFamilies(stateful)
            .OrderBy(static t => t.Key, StringComparer.Ordinal)
            .Select(t => new StageTimerFamily(stateful.Id, t.Key, t.Value.Domain, (Model.Coders.TimerCoder)graph.Coders.ModelCoder(t.Value.CoderId)) { IsWindowExpiration = t.Value.IsWindowExpiration })
            .ToList();
        return new ExecutableStagePlan(
            new StageId(stage.Id),
            stage.EnvironmentId,
            [.. stage.Members.Select(static m => m.Id)],
            inputs,
            outputs,
            sideInputs,
            descriptor,
            userStates,
            userStates.Count > 0 || timerFamilies.Count > 0 ? graph.WindowingOf(stateful!.MainInputs[0]).AllowedLateness : 0)
        {
            TimerFamilies = timerFamilies,
            RequiresTimeSortedInput = (userStates.Count > 0 || timerFamilies.Count > 0) && stateful!.Preparer.RequiresTimeSortedInput(stateful),
        };
    }

    private static Proto.PTransform Port(string id, string urn, string coderId, string? inputs = null, string? outputs = null)
    {
        var port = new Proto.PTransform
        {
            UniqueName = id,
            Spec = new Proto.FunctionSpec { Urn = urn, Payload = new RemoteGrpcPort { CoderId = coderId }.ToByteString() },
        };
        if (inputs is not null)
        {
            port.Inputs["in"] = inputs;
        }

        if (outputs is not null)
        {
            port.Outputs["out"] = outputs;
        }

        return port;
    }

    private static string Unique(ProcessBundleDescriptor descriptor, string stem)
    {
        var id = stem;
        for (var n = 2; descriptor.Transforms.ContainsKey(id); n++)
        {
            id = stem + "#" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return id;
    }
}
