using System.CommandLine;
using System.Runtime.InteropServices;
using BeamConformance.Engine;
using BeamConformance.ReferenceRunner.Execution;
using BeamConformance.ReferenceRunner.Hosting;
using BeamConformance.ReferenceRunner.Hosting.Internal;
using BeamConformance.ReferenceRunner.Translation;
using Microsoft.Extensions.Logging;

// The ReferenceRunner executable: a Beam job server (job port) and Fn API server (Fn API port).
// Prints one stdout line "Job endpoint: host:port" once listening; logs go to stderr; Ctrl-C stops it.
var jobPort = new Option<int>("--job-port") { Description = "Job API port (JobService, ArtifactStagingService); 0 picks a free port.", DefaultValueFactory = _ => 8099 };
var bind = new Option<string>("--bind") { Description = "Address to listen on.", DefaultValueFactory = _ => "127.0.0.1" };
var fnPort = new Option<int>("--fn-port") { Description = "Fn API port (control, data, state, logging, provision, artifact retrieval); 0 picks a free port.", DefaultValueFactory = _ => 0 };
var allowProcess = new Option<bool>("--allow-process-environment") { Description = "Allow beam:env:process:v1 environments (runs a command named by the pipeline)." };
var bundleSize = new Option<int>("--bundle-size") { Description = "Maximum elements per bundle.", DefaultValueFactory = _ => 1000 };
var stagingDirectory = new Option<string?>("--staging-dir") { Description = "Directory for staged artifacts (default: a temporary directory)." };
var executionMode = new Option<string>("--execution-mode") { Description = "batch, streaming, or auto (default): streaming when the pipeline has an UNBOUNDED PCollection or a TestStream, batch otherwise.", DefaultValueFactory = _ => "auto" };
executionMode.Validators.Add(r =>
{
    if (r.GetValueOrDefault<string>() is not ("batch" or "streaming" or "auto"))
    {
        r.AddError($"--execution-mode must be one of batch, streaming, auto (got '{r.GetValueOrDefault<string>()}').");
    }
});
var jobRetention = new Option<string>("--job-retention")
{
    Description = "Which idle jobs (finished, or prepared and never run) are kept with their staged files: a duration (30m, 2h), a count (500), both (2h,500) or none. Default 1h,1000.",
    DefaultValueFactory = _ => "1h,1000",
};
jobRetention.Validators.Add(r => { try { JobRetention.Parse(r.GetValueOrDefault<string>()!); } catch (FormatException e) { r.AddError(e.Message); } });
var splitMode = new Option<string>("--split-mode")
{
    Description = "Runner-initiated channel splits of every SDK bundle: none, fraction:F (0 <= F <= 1), random:SEED, every-element or progress (split a bundle whose progress stalls, as Prism does). Default none.",
    DefaultValueFactory = _ => "none",
};
splitMode.Validators.Add(r => { try { SplitMode.Parse(r.GetValueOrDefault<string>()!); } catch (FormatException e) { r.AddError("--split-mode: " + e.Message); } });
var maxBundleAttempts = new Option<int>("--max-bundle-attempts") { Description = "How many times a failed bundle is run before its failure fails the job (1-100); a job's pipeline option max_bundle_attempts overrides it. Default 1: never retried.", DefaultValueFactory = _ => 1 };
maxBundleAttempts.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < MaxBundleAttemptsOption.Min or > MaxBundleAttemptsOption.Max) { r.AddError($"--max-bundle-attempts must be from {MaxBundleAttemptsOption.Min} to {MaxBundleAttemptsOption.Max}."); } });
var stagingTimeout = new Option<int>("--staging-timeout") { Description = "Seconds an artifact staging stream may take before it fails its job.", DefaultValueFactory = _ => 600 };
stagingTimeout.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--staging-timeout must be at least 1 second."); } });
bundleSize.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--bundle-size must be at least 1."); } });
foreach (var port in new[] { jobPort, fnPort })
{
    port.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 65535) { r.AddError($"{port.Name} must be a TCP port (0-65535; 0 picks a free port)."); } });
}

var root = new RootCommand("BeamConformance ReferenceRunner: runs Beam SDK pipelines through the Job and Fn APIs.")
{
    jobPort, bind, fnPort, allowProcess, bundleSize, stagingDirectory, executionMode, jobRetention, stagingTimeout, splitMode, maxBundleAttempts,
};
root.SetAction(async (parse, invocationCancellation) =>
{
    // Ctrl-C (SIGINT) and SIGTERM stop the server cleanly: handled here rather than by the default action.
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(invocationCancellation);
    using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOnSignal);
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnSignal);
    var cancellationToken = stop.Token;

    using var loggerFactory = LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(o =>
        {
            // Job, stage and bundle scopes ("=> job X => stage Y => bundle Z") on each line logged inside them.
            o.SingleLine = true;
            o.IncludeScopes = true;
        })
        .AddFilter("Microsoft", LogLevel.Warning));
    var options = new ReferenceRunnerOptions
    {
        BindAddress = parse.GetValue(bind)!,
        JobPort = parse.GetValue(jobPort),
        FnApiPort = parse.GetValue(fnPort),
        AllowProcessEnvironment = parse.GetValue(allowProcess),
        StagingDirectory = parse.GetValue(stagingDirectory),
        JobRetention = JobRetention.Parse(parse.GetValue(jobRetention)!),
        StagingTimeout = TimeSpan.FromSeconds(parse.GetValue(stagingTimeout)),
    };
    var server = ReferenceRunnerServer.CreateDefault(options, new ExecutionOptions { BundleSize = parse.GetValue(bundleSize), Mode = ParseMode(parse.GetValue(executionMode)), SplitMode = SplitMode.Parse(parse.GetValue(splitMode)!), MaxBundleAttempts = parse.GetValue(maxBundleAttempts) }, loggerFactory);
    await using (server.ConfigureAwait(false))
    {
        var endpoint = await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"Job endpoint: {endpoint}").ConfigureAwait(false);
        await Console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
        HostingLog.FnApiEndpoint(loggerFactory.CreateLogger("BeamConformance.ReferenceRunner"), server.FnApiEndpoint);

        // Serves until Ctrl-C or SIGTERM (no timer involved); dispose then stops the servers.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), stopped);
        await stopped.Task.ConfigureAwait(false);
    }

    return 0;

    void StopOnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);

// "auto" (null) lets each job's pipeline decide; the validator above refused anything else.
static ExecutionMode? ParseMode(string? value) => value switch
{
    "batch" => ExecutionMode.Batch,
    "streaming" => ExecutionMode.Streaming,
    _ => null,
};
