using BeamConformance.Model;
using BeamConformance.Conformance.Scenarios;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.Conformance.Running.Internal;

/// <summary>Adds scenario coders (and window coders) to pipeline Components once each, by their grammar text.</summary>
internal sealed class CoderTable(Components components)
{
    /// <summary>The coder id of <c>beam:coder:global_window:v1</c>.</summary>
    public string GlobalWindow => Standard("global_window", Urns.Coders.GlobalWindow);

    /// <summary>The coder id of <c>beam:coder:interval_window:v1</c>.</summary>
    public string IntervalWindow => Standard("interval_window", Urns.Coders.IntervalWindow);

    /// <summary>The id of <paramref name="coder"/>, adding it and its components when new.</summary>
    public string Id(CoderSpec coder)
    {
        var id = coder.ToString();
        if (!components.Coders.ContainsKey(id))
        {
            var proto = new Coder { Spec = new FunctionSpec { Urn = coder.Urn } };
            foreach (var component in coder.Components)
            {
                proto.ComponentCoderIds.Add(Id(component));
            }

            components.Coders[id] = proto;
        }

        return id;
    }

    private string Standard(string id, string urn)
    {
        if (!components.Coders.ContainsKey(id))
        {
            components.Coders[id] = new Coder { Spec = new FunctionSpec { Urn = urn } };
        }

        return id;
    }
}
