using BeamConformance.ReferenceRunner.Hosting;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Grpc.Net.Client;
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
        _jobChannel = GrpcChannels.ForEndpoint(server.JobEndpoint, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        _fnChannel = GrpcChannels.ForEndpoint(server.FnApiEndpoint);
        Jobs = _jobChannel.CreateCallInvoker();
        Fn = _fnChannel.CreateCallInvoker();
    }

    public ReferenceRunnerServer Server { get; }

    public ScriptedExecutor Executor { get; }

    /// <summary>Calls the job port.</summary>
    public CallInvoker Jobs { get; }

    /// <summary>Calls the Fn API port.</summary>
    public CallInvoker Fn { get; }

    public static async Task<RunnerHarness> StartAsync(ReferenceRunnerOptions? options = null, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var executor = new ScriptedExecutor();
        var server = new ReferenceRunnerServer(options ?? new ReferenceRunnerOptions(), executor, loggerFactory: loggerFactory);
        await server.StartAsync(TestContext.Current.CancellationToken);
        return new RunnerHarness(server, executor);
    }

    public static CallOptions Options(Metadata? headers = null) =>
        new(headers, DateTime.UtcNow.AddSeconds(30), TestContext.Current.CancellationToken);

    /// <summary>Makes one unary call of the job port's JobService with <see cref="Options"/>.</summary>
    public Task<TResponse> CallAsync<TResponse>(Func<JobService.JobServiceClient, CallOptions, AsyncUnaryCall<TResponse>> call) =>
        call(new JobService.JobServiceClient(Jobs), Options()).ResponseAsync;

    /// <summary>Reads a server stream, started with <see cref="Options"/> (and <paramref name="headers"/>), to its end.</summary>
    public static async Task<List<TResponse>> ReadAllAsync<TResponse>(Func<CallOptions, AsyncServerStreamingCall<TResponse>> start, Metadata? headers = null)
    {
        using var call = start(Options(headers));
        var items = new List<TResponse>();
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            items.Add(call.ResponseStream.Current);
        }

        return items;
    }

    public async Task<PrepareJobResponse> PrepareAsync(Pipeline pipeline, string jobName = "test", Google.Protobuf.WellKnownTypes.Struct? options = null) =>
        await CallAsync((c, o) => c.PrepareAsync(new PrepareJobRequest { Pipeline = pipeline, JobName = jobName, PipelineOptions = options }, o));

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
        using var call = new JobService.JobServiceClient(Jobs).GetMessageStream(new JobMessagesRequest { JobId = jobId }, Options());
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
        (await ReadAllAsync(o => new JobService.JobServiceClient(Jobs).GetStateStream(new GetJobStateRequest { JobId = jobId }, o))).Select(e => e.State).ToList();

    public async ValueTask DisposeAsync()
    {
        _jobChannel.Dispose();
        _fnChannel.Dispose();
        await Server.DisposeAsync();
    }
}
