// The FakeHarness as a process, started by a runner with the SDK container contract's flags (PROCESS and DOCKER
// environments): it runs one worker until the runner ends the control stream, and reports captures to the suite's
// CaptureService (--capture_endpoint, or the pipeline option 'capture_endpoint' read from the provision endpoint).
using System.CommandLine;
using BeamConformance.FakeHarness;

var id = new Option<string>("--id") { Description = "The worker id (sent as the worker_id header on every Fn API call).", Required = true };
var control = new Option<string>("--control_endpoint") { Description = "The runner's BeamFnControl endpoint, host:port.", Required = true };
var logging = new Option<string?>("--logging_endpoint") { Description = "The runner's BeamFnLogging endpoint, host:port." };
var artifact = new Option<string?>("--artifact_endpoint") { Description = "The artifact retrieval endpoint (unused: the harness stages nothing)." };
var provision = new Option<string?>("--provision_endpoint") { Description = "The ProvisionService endpoint; pipeline options are read from it." };
var capture = new Option<string?>("--capture_endpoint") { Description = "The suite's beamconformance.v1.CaptureService endpoint, host:port." };

var root = new RootCommand("BeamConformance FakeHarness: an SDK harness that runs declarative test transforms.")
{
    id, control, logging, artifact, provision, capture,
};
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(async (parseResult, cancellationToken) =>
{
    var endpoints = new WorkerEndpoints(
        parseResult.GetValue(id)!,
        parseResult.GetValue(control)!,
        parseResult.GetValue(logging),
        parseResult.GetValue(artifact),
        parseResult.GetValue(provision));
    var captureEndpoint = parseResult.GetValue(capture);
    try
    {
        await FakeHarnessProcess.RunAsync(endpoints, captureEndpoint, cancellationToken).ConfigureAwait(false);
        return 0;
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
        return 0;
    }
    catch (Exception e) when (e is InvalidOperationException or Grpc.Core.RpcException or IOException or HttpRequestException)
    {
        await Console.Error.WriteLineAsync($"FakeHarness worker {endpoints.WorkerId} failed: {e.Message}").ConfigureAwait(false);
        return 1;
    }
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
