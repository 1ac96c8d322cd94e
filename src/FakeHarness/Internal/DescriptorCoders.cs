using System.Collections.Concurrent;
using BeamConformance.Model.Coders;
using BeamConformance.Protos.Adapters;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal;

/// <summary>
/// Builds the coders of one ProcessBundleDescriptor by id (components first, cached): each <c>Coder</c> message
/// bridged by <see cref="CoderProtoAdapter"/>, the model's coders from <see cref="CoderRegistry.Build"/>, plus our
/// custom coders (<see cref="CustomBytesCoder"/>, which the model's registry does not know).
/// </summary>
internal sealed class DescriptorCoders
{
    private readonly ProcessBundleDescriptor _descriptor;
    private readonly ConcurrentDictionary<string, Coder> _cache = new(StringComparer.Ordinal);

    public DescriptorCoders(ProcessBundleDescriptor descriptor) => _descriptor = descriptor;

    /// <exception cref="HarnessException">The id is unknown or the coder is invalid.</exception>
    public Coder Get(string coderId) => Get(coderId, 0);

    private Coder Get(string coderId, int depth)
    {
        if (_cache.TryGetValue(coderId, out var cached))
        {
            return cached;
        }

        if (depth > 64)
        {
            throw new HarnessException($"coder '{coderId}' of descriptor '{_descriptor.Id}' nests too deeply (a cycle?)");
        }

        if (!_descriptor.Coders.TryGetValue(coderId, out var proto))
        {
            throw new HarnessException($"descriptor '{_descriptor.Id}' has no coder '{coderId}'");
        }

        Coder coder;
        try
        {
            var spec = proto.ToCoderSpec();
            var components = spec.ComponentCoderIds.Select(id => Get(id, depth + 1)).ToArray();
            coder = spec.Urn.StartsWith(HarnessUrns.CustomCoderPrefix, StringComparison.Ordinal)
                ? new CustomBytesCoder(spec.Urn)
                : CoderRegistry.Build(spec, components);
        }
        catch (CoderException e)
        {
            throw new HarnessException($"coder '{coderId}' of descriptor '{_descriptor.Id}' is invalid: {e.Message}", inner: e);
        }

        return _cache.GetOrAdd(coderId, coder);
    }

    /// <summary>The coder of a PCollection's elements.</summary>
    public Coder OfPCollection(string pcollectionId) =>
        _descriptor.Pcollections.TryGetValue(pcollectionId, out var pcollection)
            ? Get(pcollection.CoderId)
            : throw new HarnessException($"descriptor '{_descriptor.Id}' has no PCollection '{pcollectionId}'");

    /// <summary>Strips coders that do not change the value's shape (length prefixes).</summary>
    public static Coder Logical(Coder coder)
    {
        while (coder is LengthPrefixCoder prefixed)
        {
            coder = prefixed.ValueCoder;
        }

        return coder;
    }
}
