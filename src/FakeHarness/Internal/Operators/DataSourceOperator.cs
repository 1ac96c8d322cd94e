using BeamConformance.Model;
using BeamConformance.FakeHarness.Internal.Splits;
using BeamConformance.Model.Coders;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:runner:source:v1</c>: reads the bundle's elements for this transform from the data channel named by
/// its RemoteGrpcPort (or from elements embedded in the ProcessBundleRequest) until <c>is_last</c>, cuts the stream
/// into nested values of the port's coder, records each element's exact bytes, decodes and emits it. After a channel
/// split (<see cref="Split"/>) the elements from the first residual element on are neither recorded nor decoded, as in
/// Beam's SDK harnesses; the stream is still read to its <c>is_last</c>.
/// </summary>
internal sealed class DataSourceOperator : Operator
{
    private readonly RemoteGrpcPort _port;
    private readonly Coder _wireCoder;
    private readonly string _pcollection;
    private bool _pastSplit;

    public DataSourceOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, RemoteGrpcPort port, Coder wireCoder)
        : base(node, context, outputs)
    {
        _port = port;
        _wireCoder = wireCoder;
        _pcollection = Single?.PCollectionId ?? string.Empty;
    }

    /// <summary>The input's channel-split state (current element, stop index), read by ProcessBundleSplitRequests.</summary>
    public ChannelSplitState Split { get; } = new();

    /// <summary>Reads and emits every element of the bundle for this source, up to a split's stop index.</summary>
    /// <exception cref="HarnessException">The stream failed or holds invalid bytes.</exception>
    public async Task RunAsync()
    {
        await ReadAllAsync().ConfigureAwait(false);
        Split.Finish();
    }

    private async Task ReadAllAsync()
    {
        var pending = Array.Empty<byte>();
        var embedded = Context.Request.Elements?.Data.Where(d => d.TransformId == Node.Id).ToArray() ?? [];
        if (embedded.Length > 0)
        {
            foreach (var data in embedded)
            {
                pending = await ConsumeAsync(pending, data.Data_.Memory, data.IsLast).ConfigureAwait(false);
            }

            if (embedded[^1].IsLast)
            {
                return;
            }
        }

        var inbox = Context.Session.GetDataChannel(_port.ApiServiceDescriptor?.Url
            ?? throw new HarnessException($"data source '{Node.Id}' has no api_service_descriptor")).Inbox(Context.InstructionId, Node.Id);
        while (await inbox.WaitToReadAsync(Context.CancellationToken).ConfigureAwait(false))
        {
            while (inbox.TryRead(out var data))
            {
                pending = await ConsumeAsync(pending, data.Data_.Memory, data.IsLast).ConfigureAwait(false);
                if (data.IsLast)
                {
                    return;
                }
            }
        }
    }

    protected override ValueTask OnProcessAsync(WindowedValue<object?> element) =>
        throw new HarnessException($"data source '{Node.Id}' cannot have an input");

    private async Task<byte[]> ConsumeAsync(byte[] pending, ReadOnlyMemory<byte> chunk, bool isLast)
    {
        if (_pastSplit)
        {
            return [];
        }

        var buffer = pending.Length == 0 ? chunk.ToArray() : [.. pending, .. chunk.Span];
        var offset = 0;
        while (offset < buffer.Length)
        {
            int length;
            try
            {
                length = _wireCoder.MeasureNested(buffer.AsSpan(offset));
            }
            catch (CoderException) when (!isLast)
            {
                // An element split across Elements messages: wait for the rest.
                break;
            }
            catch (CoderException e)
            {
                throw new HarnessException($"data source '{Node.Id}' (PCollection '{_pcollection}') received bytes that do not decode with {_wireCoder} at offset {offset}: {e.Message}", inner: e);
            }

            if (!Split.TryClaimNext())
            {
                // Past the split: the rest belongs to the residual, which the runner processes elsewhere.
                _pastSplit = true;
                return [];
            }

            var bytes = buffer.AsSpan(offset, length).ToArray();
            offset += length;
            Context.Recorder.AddData(Context.RunId, new RecordedDataElement(_pcollection, bytes, Context.InstructionId, Node.Id));
            var decoded = _wireCoder.DecodeFrom(bytes, nested: true);
            if (decoded is not WindowedValue<object?> element)
            {
                throw new HarnessException($"data source '{Node.Id}' coder {_wireCoder.Urn} is not a windowed value coder");
            }

            if (Single is { } output)
            {
                await output.EmitAsync(element).ConfigureAwait(false);
            }
        }

        return offset == buffer.Length ? [] : buffer[offset..];
    }
}
