using System.Buffers;
using BeamConformance.Model;
using BeamConformance.Model.Coders;
using Google.Protobuf;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// <c>beam:runner:sink:v1</c>: encodes each element with the port's coder (nested) and sends the bytes on the data
/// channel in messages of at most about <see cref="FakeHarnessOptions.DataFlushBytes"/>; at finish sends the rest
/// and an <c>is_last</c> entry.
/// </summary>
internal sealed class DataSinkOperator : Operator
{
    private readonly Coder _wireCoder;
    private readonly DataChannel _channel;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly CoderWriter _writer;

    public DataSinkOperator(TransformNode node, BundleContext context, IReadOnlyDictionary<string, OutputPort> outputs, RemoteGrpcPort port, Coder wireCoder)
        : base(node, context, outputs)
    {
        _wireCoder = wireCoder;
        _channel = context.Session.GetDataChannel(port.ApiServiceDescriptor?.Url
            ?? throw new HarnessException($"data sink '{node.Id}' has no api_service_descriptor"));
        _writer = new CoderWriter(_buffer);
    }

    public override async ValueTask FinishAsync()
    {
        var data = new Elements.Types.Data { InstructionId = Context.InstructionId, TransformId = Node.Id, IsLast = true };
        var elements = new Elements();
        if (Context.Plan.Misanswers.Contains("output_undecodable"))
        {
            _buffer.Write<byte>([0xff]); // not a windowed value: a timestamp needs 8 bytes
        }

        if (_buffer.WrittenCount > 0)
        {
            elements.Data.Add(new Elements.Types.Data { InstructionId = Context.InstructionId, TransformId = Node.Id, Data_ = ByteString.CopyFrom(_buffer.WrittenSpan) });
            _buffer.ResetWrittenCount();
        }

        elements.Data.Add(data);
        await _channel.SendAsync(elements, Context.CancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask OnProcessAsync(WindowedValue<object?> element)
    {
        try
        {
            _wireCoder.Encode(element, _writer, nested: true);
        }
        catch (CoderException e)
        {
            throw new HarnessException($"data sink '{Node.Id}' cannot encode {Functions.JsonValues.Format(element.Value)} with {_wireCoder}: {e.Message}", inner: e);
        }

        if (_buffer.WrittenCount >= Context.Session.Options.DataFlushBytes)
        {
            var elements = new Elements();
            elements.Data.Add(new Elements.Types.Data { InstructionId = Context.InstructionId, TransformId = Node.Id, Data_ = ByteString.CopyFrom(_buffer.WrittenSpan) });
            _buffer.ResetWrittenCount();
            await _channel.SendAsync(elements, Context.CancellationToken).ConfigureAwait(false);
        }
    }
}
