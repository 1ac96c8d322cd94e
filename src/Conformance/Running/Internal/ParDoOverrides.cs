using BeamConformance.Conformance.Scenarios;
using Google.Protobuf;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>
/// Applies a transform's <c>pardo_payload</c> (<see cref="ParDoPayloadOverrides"/>) to the ParDo the builder wrote:
/// the given ParDoPayload fields replace the builder's, the given coders join the pipeline's.
/// </summary>
internal static class ParDoOverrides
{
    /// <summary>Rewrites <paramref name="parDo"/>'s payload and adds the override coders to <paramref name="components"/>.</summary>
    /// <exception cref="InvalidOperationException">An override coder id is already one of the pipeline's coders.</exception>
    public static void Apply(Components components, string id, PTransform parDo, ParDoPayloadOverrides o)
    {
        if (o.Bytes is { } bytes)
        {
            parDo.Spec.Payload = ByteString.CopyFrom(bytes);
            return;
        }

        foreach (var (coderId, raw) in o.Coders ?? new Dictionary<string, RawCoder>())
        {
            if (components.Coders.ContainsKey(coderId))
            {
                throw new InvalidOperationException($"transform '{id}': pardo_payload coder '{coderId}' is already a coder of the pipeline");
            }

            components.Coders[coderId] = new Coder { Spec = new FunctionSpec { Urn = raw.Urn }, ComponentCoderIds = { raw.Components } };
        }

        var payload = ParDoPayload.Parser.ParseFrom(parDo.Spec.Payload);
        if (o.StateSpecs is { } states)
        {
            payload.StateSpecs.Clear();
            foreach (var (stateId, spec) in states)
            {
                payload.StateSpecs[stateId] = State(spec);
            }
        }

        if (o.TimerFamilySpecs is { } timers)
        {
            payload.TimerFamilySpecs.Clear();
            foreach (var (timerId, spec) in timers)
            {
                payload.TimerFamilySpecs[timerId] = new TimerFamilySpec { TimeDomain = Domain(spec.TimeDomain), TimerFamilyCoderId = spec.Coder };
            }
        }

        if (o.SideInputs is { } sides)
        {
            var written = payload.SideInputs.ToDictionary();
            payload.SideInputs.Clear();
            foreach (var (local, accessPattern) in sides)
            {
                var side = written.TryGetValue(local, out var known) ? known.Clone() : new SideInput();
                side.AccessPattern = accessPattern.Length == 0 ? null : new FunctionSpec { Urn = accessPattern };
                payload.SideInputs[local] = side;
            }
        }

        payload.RestrictionCoderId = o.RestrictionCoderId ?? payload.RestrictionCoderId;
        payload.RequiresTimeSortedInput = o.RequiresTimeSortedInput ?? payload.RequiresTimeSortedInput;
        payload.OnWindowExpirationTimerFamilySpec = o.OnWindowExpirationTimerFamilySpec ?? payload.OnWindowExpirationTimerFamilySpec;
        parDo.Spec.Payload = payload.ToByteString();
    }

    /// <summary>The ParDoPayload of <paramref name="transform"/> when it is a ParDo whose payload parses, else null.</summary>
    public static ParDoPayload? TryParse(PTransform transform)
    {
        if (transform.Spec?.Urn != Model.Urns.Transforms.ParDo)
        {
            return null;
        }

        try
        {
            return ParDoPayload.Parser.ParseFrom(transform.Spec.Payload);
        }
        catch (InvalidProtocolBufferException)
        {
            return null; // A pardo_payload's bytes: the runner must refuse it, the builder only sends it.
        }
    }

    private static TimeDomain.Types.Enum Domain(string name) => name switch
    {
        "event_time" => TimeDomain.Types.Enum.EventTime,
        "processing_time" => TimeDomain.Types.Enum.ProcessingTime,
        _ => TimeDomain.Types.Enum.Unspecified,
    };

    private static StateSpec State(StateSpecOverride o)
    {
        var c = o.Coders;
        var spec = o.Kind switch
        {
            "bag" => new StateSpec { BagSpec = new BagStateSpec { ElementCoderId = c[0] } },
            "read_modify_write" => new StateSpec { ReadModifyWriteSpec = new ReadModifyWriteStateSpec { CoderId = c[0] } },
            "combining" => new StateSpec { CombiningSpec = new CombiningStateSpec { AccumulatorCoderId = c[0] } },
            "map" => new StateSpec { MapSpec = new MapStateSpec { KeyCoderId = c[0], ValueCoderId = c[1] } },
            "set" => new StateSpec { SetSpec = new SetStateSpec { ElementCoderId = c[0] } },
            "multimap" => new StateSpec { MultimapSpec = new MultimapStateSpec { KeyCoderId = c[0], ValueCoderId = c[1] } },
            "ordered_list" => new StateSpec { OrderedListSpec = new OrderedListStateSpec { ElementCoderId = c[0] } },
            _ => new StateSpec(),
        };
        if (o.Protocol is { } protocol)
        {
            spec.Protocol = new FunctionSpec { Urn = protocol };
        }

        return spec;
    }
}
