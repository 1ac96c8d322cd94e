using System.Globalization;
using Proto = Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Translation.Internal;

/// <summary>
/// New ids in a pipeline's Components for the transforms and PCollections the runner adds when it rewrites a pipeline
/// (combiner lifting, splittable DoFn expansion): the stem itself when free, else the stem with <c>#2</c>, <c>#3</c>, ….
/// </summary>
internal static class ComponentIds
{
    /// <summary>The first of <paramref name="stem"/>, <c>stem#2</c>, <c>stem#3</c>, … that <paramref name="map"/> does not hold.</summary>
    public static string Fresh<T>(Google.Protobuf.Collections.MapField<string, T> map, string stem)
    {
        var id = stem;
        for (var n = 2; map.ContainsKey(id); n++)
        {
            id = stem + "#" + n.ToString(CultureInfo.InvariantCulture);
        }

        return id;
    }

    /// <summary>Adds a PCollection under a fresh id from <paramref name="name"/> (also its unique name) and returns the id.</summary>
    public static string AddPCollection(Proto.Components components, string name, string coderId, string windowingStrategyId, Proto.IsBounded.Types.Enum bounded)
    {
        var id = Fresh(components.Pcollections, name);
        components.Pcollections[id] = new Proto.PCollection { UniqueName = name, CoderId = coderId, WindowingStrategyId = windowingStrategyId, IsBounded = bounded };
        return id;
    }
}
