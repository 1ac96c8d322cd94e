using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Hosting.Internal;
using BeamConformance.Transport;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>A ReferenceRunnerServer in process with a <see cref="ScriptedExecutor"/>, and clients of both ports.</summary>
internal sealed class RunnerHarness : IAsyncDisposable
{
    private readonly GrpcChannel _jobChannel;
    private readonly GrpcChannel _fnChannel;

    private RunnerHarness(ReferenceRunnerServer server, ScriptedExecutor executor)
    {
        Server = server;
        Executor = executor;
        _jobChannel = GrpcChannel.ForAddress(server.JobEndpoint, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        _fnChannel = GrpcChannel.ForAddress(server.FnApiEndpoint);
        Jobs = _jobChannel.CreateCallInvoker();
        Fn = _fnChannel.CreateCallInvoker();
    }

    public ReferenceRunnerServer Server { get; }

    public ScriptedExecutor Executor { get; }

    /// <summary>Calls the job port.</summary>
    public CallInvoker Jobs { get; }

    /// <summary>Calls the Fn API port.</summary>
    public CallInvoker Fn { get; }

    public static async Task<RunnerHarness> StartAsync(ReferenceRunnerOptions? options = null)
    {
        var executor = new ScriptedExecutor();
        var server = new ReferenceRunnerServer(options ?? new ReferenceRunnerOptions(), executor);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return new RunnerHarness(server, executor);
    }

    public static CallOptions Options(Metadata? headers = null) =>
        new(headers, DateTime.UtcNow.AddSeconds(30), TestContext.Current.CancellationToken);

    public Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request)
        where TRequest : class
        where TResponse : class =>
        Jobs.AsyncUnaryCall(method, null, Options(), request).ResponseAsync;

    /// <summary>Reads a server stream to its end.</summary>
    public static async Task<List<TResponse>> ReadAllAsync<TRequest, TResponse>(CallInvoker invoker, Method<TRequest, TResponse> method, TRequest request, Metadata? headers = null)
        where TRequest : class
        where TResponse : class
    {
        using var call = invoker.AsyncServerStreamingCall(method, null, Options(headers), request);
        var items = new List<TResponse>();
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            items.Add(call.ResponseStream.Current);
        }

        return items;
    }

    public async Task<PrepareJobResponse> PrepareAsync(Pipeline pipeline, string jobName = "test", Google.Protobuf.WellKnownTypes.Struct? options = null) =>
        await CallAsync(BeamMethods.Prepare, new PrepareJobRequest { Pipeline = pipeline, JobName = jobName, PipelineOptions = options });

    /// <summary>Prepares and stages (with the SDK-like staging client); returns the preparation id.</summary>
    public async Task<string> PrepareAndStageAsync(Pipeline pipeline, string jobName = "test")
    {
        var prepared = await PrepareAsync(pipeline, jobName);
        await new StagingClient(prepared.ArtifactStagingEndpoint.Url).StageAsync(prepared.StagingSessionToken);
        return prepared.PreparationId;
    }

    /// <summary>The job's first <paramref name="count"/> messages, read from its message stream (which may go on).</summary>
    public async Task<List<JobMessage>> MessagesAsync(string jobId, int count)
    {
        using var call = Jobs.AsyncServerStreamingCall(BeamMethods.GetMessageStream, null, Options(), new JobMessagesRequest { JobId = jobId });
        var messages = new List<JobMessage>();
        while (messages.Count < count && await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            if (call.ResponseStream.Current.MessageResponse is { } message)
            {
                messages.Add(message);
            }
        }

        return messages;
    }

    /// <summary>Waits until the job reaches <paramref name="state"/> (following its state stream).</summary>
    public async Task<List<JobState.Types.Enum>> StatesUntilEndAsync(string jobId) =>
        (await ReadAllAsync(Jobs, BeamMethods.GetStateStream, new GetJobStateRequest { JobId = jobId })).Select(e => e.State).ToList();

    public async ValueTask DisposeAsync()
    {
        _jobChannel.Dispose();
        _fnChannel.Dispose();
        await Server.DisposeAsync();
    }
}
