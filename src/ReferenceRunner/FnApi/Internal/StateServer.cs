using System.Globalization;
using System.Text;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Grpc.Core;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.ReferenceRunner.FnApi.Internal;

/// <summary>
/// BeamFnState: answers each request (get, append, clear) from the state source of the bundle named by its instruction id.
/// A request the source rejects (<see cref="StateRequestRejectedException"/>) gets the error and fails its bundle.
/// Reads are paged: a page holds whole encoded values up to <see cref="FnApiOptions.StatePageBytes"/>
/// (at least one value); the continuation token is the position of the next value.
/// </summary>
internal sealed class StateServer(SdkWorkerRegistry workers, FnApiOptions options, ILogger logger) : BeamFnState.BeamFnStateBase
{
    private const string TokenPrefix = "next:";

    public override async Task State(IAsyncStreamReader<StateRequest> requests, IServerStreamWriter<StateResponse> responses, ServerCallContext context)
    {
        var worker = workers.Caller(context);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, worker.Closing);
        try
        {
            while (await requests.MoveNext(ended.Token).ConfigureAwait(false))
            {
                var response = Answer(worker, requests.Current);
                if (!string.IsNullOrEmpty(response.Error))
                {
                    FnApiLog.StateRequestFailed(logger, worker.WorkerId, response.Id, response.Error);
                }

                await responses.WriteAsync(response, ended.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (worker.Closing.IsCancellationRequested)
        {
            FnApiLog.StreamEnded(logger, worker.WorkerId, "state", "closed by the runner");
        }
    }

    internal StateResponse Answer(SdkWorker worker, StateRequest request)
    {
        var response = new StateResponse { Id = request.Id };
        if (!worker.ActiveBundles.TryGetValue(request.InstructionId, out var bundle))
        {
            response.Error = $"state request '{request.Id}': instruction '{request.InstructionId}' is not a bundle running on worker '{worker.WorkerId}'";
            return response;
        }

        var source = bundle.StateSource;
        try
        {
            switch (request.RequestCase)
            {
                case StateRequest.RequestOneofCase.Get when source is not null:
                    response.Get = Page(source.Get(request.StateKey), request.Get.ContinuationToken);
                    return response;
                case StateRequest.RequestOneofCase.Append when source is not null:
                    source.Append(request.StateKey, request.Append.Data.Memory);
                    response.Append = new StateAppendResponse();
                    return response;
                case StateRequest.RequestOneofCase.Clear when source is not null:
                    source.Clear(request.StateKey);
                    response.Clear = new StateClearResponse();
                    return response;
                case StateRequest.RequestOneofCase.Get or StateRequest.RequestOneofCase.Append or StateRequest.RequestOneofCase.Clear:
                    throw new StateRequestRejectedException($"bundle '{request.InstructionId}' has no state to {request.RequestCase.ToString().ToLowerInvariant()} (no side inputs, no user state)");
                default:
                    response.Error = $"state request '{request.Id}': unknown request kind {request.RequestCase}";
                    return response;
            }
        }
        catch (StateRequestRejectedException e)
        {
            // A request that breaks the contract fails the bundle with the runner's reason, whatever the SDK does next.
            response.Error = $"state request '{request.Id}' ({request.StateKey?.TypeCase}): {e.Message}";
            bundle.Reject(response.Error);
            return response;
        }
        catch (Exception e)
        {
            response.Error = $"state request '{request.Id}' ({request.StateKey?.TypeCase}): {e.Message}";
            return response;
        }
    }

    private StateGetResponse Page(IReadOnlyList<ReadOnlyMemory<byte>> values, ByteString token)
    {
        var start = token.IsEmpty ? 0 : ParseToken(token, values.Count);
        var page = new MemoryStream();
        var next = start;
        while (next < values.Count && (next == start || page.Length + values[next].Length <= options.StatePageBytes))
        {
            page.Write(values[next].Span);
            next++;
        }

        var response = new StateGetResponse { Data = UnsafeByteOperations.UnsafeWrap(page.GetBuffer().AsMemory(0, (int)page.Length)) };
        if (next < values.Count)
        {
            response.ContinuationToken = ByteString.CopyFromUtf8(TokenPrefix + next.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private static int ParseToken(ByteString token, int count)
    {
        var text = Encoding.UTF8.GetString(token.Span);
        if (!text.StartsWith(TokenPrefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            || position > count)
        {
            throw new ArgumentException($"continuation token '{text}' was not issued by this runner for this state key ({count} values)");
        }

        return position;
    }
}
