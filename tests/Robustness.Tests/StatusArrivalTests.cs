using System.Diagnostics;
using System.Text.Json;
using BeamConformance.GrpcInterop.Tests.Interop;
using Google.Protobuf;
using Google.Rpc;
using Org.Apache.Beam.Model.JobManagement.V1;

namespace BeamConformance.Robustness.Tests;

/// <summary>
/// A Prepare refused for 20,000 problems (whose full list would be about 1.5 MB) reaches real clients at their default
/// limits — Python grpcio (as Beam's Python SDK uses it) and grpc-js (as the TypeScript SDK uses it) — as
/// INVALID_ARGUMENT with the first problems in the message and a google.rpc.BadRequest in grpc-status-details-bin.
/// Before the cap, grpcio got RESOURCE_EXHAUSTED past about 9 KB and grpc-js waited for ever past about 72 KB.
/// </summary>
public sealed class StatusArrivalTests(FuzzRunner runner)
{
    [Theory]
    [InlineData("grpcio", 2)]
    [InlineData("grpcio", 20_000)]
    [InlineData("grpc-js", 2)]
    [InlineData("grpc-js", 20_000)]
    public async Task A_refused_Prepare_reaches_a_real_client_at_default_limits_with_its_details(string peerName, int problems)
    {
        var peer = InteropPeer.ByName(peerName);
        peer.Require();
        var pipeline = Pipelines.Valid();
        for (var i = 0; i < problems; i++)
        {
            var id = $"s{i:D5}-{new string('x', 60)}";
            pipeline.Components.Transforms[id] = new Org.Apache.Beam.Model.Pipeline.V1.PTransform { UniqueName = id, Spec = new() { Urn = "beam:transform:made_up:v1" } };
        }

        var request = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(request, new PrepareJobRequest { Pipeline = pipeline, JobName = "many-problems" }.ToByteArray(), TestContext.Current.CancellationToken);
            var script = peer == InteropPeer.Python ? "raw_unary.py" : "raw_unary.js";
            using var process = Process.Start(peer.StartInfo(script, runner.JobEndpoint, "/org.apache.beam.model.job_management.v1.JobService/Prepare", request))!;
            var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, $"{peerName} got no status: {output} {errors}");

            using var result = JsonDocument.Parse(output);
            Assert.Equal("INVALID_ARGUMENT", result.RootElement.GetProperty("code").GetString());
            var details = result.RootElement.GetProperty("details").GetString()!;
            var lines = details.Split('\n');
            Assert.Equal($"pipeline not supported by the ReferenceRunner ({problems} problems):", lines[0]);
            Assert.Equal($"- s00000-{new string('x', 60)}: transform URN 'beam:transform:made_up:v1': unknown or unsupported leaf transform", lines[1]);
            var status = Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(result.RootElement.GetProperty("detailsBin").GetString()!));
            Assert.Equal(((int)Code.InvalidArgument, details), (status.Code, status.Message));
            var violations = Assert.Single(status.Details).Unpack<BadRequest>().FieldViolations;
            Assert.Equal($"s00000-{new string('x', 60)}", violations[0].Field);
            if (problems == 2)
            {
                Assert.Equal(3, lines.Length);
                Assert.Equal(2, violations.Count);
            }
            else
            {
                Assert.Equal($"... and {problems - (lines.Length - 2)} more", lines[^1]);
                Assert.Equal(("...", $"and {problems - violations.Count + 1} more (not sent: the details must fit in the response headers)"), (violations[^1].Field, violations[^1].Description));
            }
        }
        finally
        {
            File.Delete(request);
        }

        await runner.AssertAliveAsync(new FuzzCase(nameof(StatusArrivalTests), 0, problems, $"{problems} problems to {peerName}"));
    }
}
