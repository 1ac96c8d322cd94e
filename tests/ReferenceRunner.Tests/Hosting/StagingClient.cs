using Google.Protobuf;
using Grpc.Core;
using BeamConformance.Protos.Hosting;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>
/// The SDK's side of ReverseArtifactRetrievalService, as the TypeScript SDK does it: sends the staging token,
/// answers ResolveArtifacts with the artifacts unchanged and GetArtifact of a file artifact with its bytes in
/// chunks then an empty <c>is_last</c> message; never half-closes — it waits for the runner to end the stream.
/// </summary>
internal sealed class StagingClient(string endpoint, int chunkBytes = 700)
{
    /// <summary>Every request the runner sent, in order.</summary>
    public List<ArtifactRequestWrapper> Requests { get; } = [];

    public async Task StageAsync(string token)
    {
        using var channel = GrpcChannels.ForEndpoint(endpoint);
        using var call = new ArtifactStagingService.ArtifactStagingServiceClient(channel.CreateCallInvoker()).ReverseArtifactRetrievalService(RunnerHarness.Options());
        await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token });
        while (await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            var request = call.ResponseStream.Current;
            Requests.Add(request);
            switch (request.RequestCase)
            {
                case ArtifactRequestWrapper.RequestOneofCase.ResolveArtifact:
                    var resolved = new ResolveArtifactsResponse();
                    resolved.Replacements.Add(request.ResolveArtifact.Artifacts);
                    await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token, ResolveArtifactResponse = resolved });
                    break;
                case ArtifactRequestWrapper.RequestOneofCase.GetArtifact:
                    var path = ArtifactFilePayload.Parser.ParseFrom(request.GetArtifact.Artifact.TypePayload).Path;
                    var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                    for (var offset = 0; offset < bytes.Length; offset += chunkBytes)
                    {
                        var chunk = ByteString.CopyFrom(bytes, offset, Math.Min(chunkBytes, bytes.Length - offset));
                        await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token, GetArtifactResponse = new GetArtifactResponse { Data = chunk } });
                    }

                    await call.RequestStream.WriteAsync(new ArtifactResponseWrapper { StagingToken = token, IsLast = true, GetArtifactResponse = new GetArtifactResponse() });
                    break;
                default:
                    throw new InvalidOperationException($"unexpected staging request {request.RequestCase}");
            }
        }
    }
}
