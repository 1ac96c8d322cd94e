using Google.Protobuf;
using BeamConformance.Model.Coders;
using ModelSchema = BeamConformance.Model.Schemas.Schema;
using ProtoCoder = Org.Apache.Beam.Model.Pipeline.V1.Coder;
using ProtoComponents = Org.Apache.Beam.Model.Pipeline.V1.Components;
using ProtoSchema = Org.Apache.Beam.Model.Pipeline.V1.Schema;

namespace BeamConformance.Protos.Adapters;

/// <summary>
/// Bridges the pipeline protos and the proto-free coder model: <c>Coder</c> messages become
/// <see cref="CoderSpec"/>s and a pipeline's <c>Components</c> become a <see cref="CoderRegistry"/>.
/// </summary>
public static class CoderProtoAdapter
{
    /// <summary>The proto-free description of a <c>Coder</c> message (URN, payload, component ids).</summary>
    /// <exception cref="CoderException">The coder has no <c>spec</c> or an empty URN (bad input, like any invalid coder spec).</exception>
    public static CoderSpec ToCoderSpec(this ProtoCoder coder)
    {
        ArgumentNullException.ThrowIfNull(coder);
        if (coder.Spec is null || string.IsNullOrEmpty(coder.Spec.Urn))
        {
            throw new CoderException(NoUrn, -1, "the Coder message has no spec URN (Coder.spec.urn is required)");
        }

        return new CoderSpec(coder.Spec.Urn, coder.Spec.Payload.Memory, coder.ComponentCoderIds.ToArray());
    }

    /// <summary>The <c>Coder</c> message for a spec.</summary>
    public static ProtoCoder ToProto(this CoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var coder = new ProtoCoder
        {
            Spec = new Org.Apache.Beam.Model.Pipeline.V1.FunctionSpec { Urn = spec.Urn, Payload = ByteString.CopyFrom(spec.Payload.Span) },
        };
        coder.ComponentCoderIds.Add(spec.ComponentCoderIds);
        return coder;
    }

    /// <summary>
    /// A registry over <paramref name="components"/>' coders: <c>registry.Get(coderId)</c> builds the coder
    /// (an unknown id is a <see cref="KeyNotFoundException"/> naming it).
    /// </summary>
    public static CoderRegistry CreateCoderRegistry(this ProtoComponents components)
    {
        ArgumentNullException.ThrowIfNull(components);
        return components.Coders.CreateCoderRegistry("the pipeline's components");
    }

    /// <summary>
    /// A registry over a live map of <c>Coder</c> messages by id (a descriptor's, or a pipeline's plus the coders a
    /// runner adds while it translates): ids are looked up when first built, so coders added later are found.
    /// </summary>
    /// <param name="coders">The coders by id.</param>
    /// <param name="owner">Where the ids come from, for the error naming an unknown id (e.g. <c>the pipeline's components</c>).</param>
    /// <remarks><c>registry.Get</c> throws <see cref="KeyNotFoundException"/> for an unknown id, <see cref="CoderException"/> for an invalid coder.</remarks>
    public static CoderRegistry CreateCoderRegistry(this IReadOnlyDictionary<string, ProtoCoder> coders, string owner)
    {
        ArgumentNullException.ThrowIfNull(coders);
        ArgumentNullException.ThrowIfNull(owner);
        return new CoderRegistry(id => coders.TryGetValue(id, out var coder)
            ? coder.ToCoderSpec()
            : throw new KeyNotFoundException($"coder id '{id}' is not in {owner}"));
    }

    /// <summary>The URN a <see cref="CoderException"/> names for a coder without one.</summary>
    public const string NoUrn = "(no coder URN)";

    /// <summary>The model schema of a <c>Schema</c> message (the payload of <c>beam:coder:row:v1</c>).</summary>
    /// <exception cref="FormatException">The schema is not one the row coder understands.</exception>
    public static ModelSchema ToModelSchema(this ProtoSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ModelSchema.Parse(schema.ToByteArray());
    }
}
