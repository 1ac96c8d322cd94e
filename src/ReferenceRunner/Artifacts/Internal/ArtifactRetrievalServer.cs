using BeamConformance.Model;
using BeamConformance.ReferenceRunner.Workers.Internal;
using Google.Protobuf;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Artifacts.Internal;

/// <summary>
/// ArtifactRetrievalService of <c>beam_artifact_api.proto</c> on the Fn API port, for workers.
/// ResolveArtifacts answers the artifacts unchanged (after staging every dependency is a staged file, an
/// embedded artifact or a URL). GetArtifact streams a staged file or embedded data in chunks of at most
/// the configured size. A staged file is served only to a worker of the job that staged it: the caller's
/// <c>worker_id</c> request metadata names the worker, whose job's directory the file must lie in
/// (PERMISSION_DENIED without a worker id or for a worker the runner did not start; INVALID_ARGUMENT for a file
/// outside that directory, e.g. another job's). A missing staged file is NOT_FOUND, other artifact types are
/// INVALID_ARGUMENT.
/// </summary>
internal sealed class ArtifactRetrievalServer(ArtifactStore store, SdkWorkerRegistry workers, int chunkBytes) : Org.Apache.Beam.Model.JobManagement.V1.ArtifactRetrievalService.ArtifactRetrievalServiceBase
{
    public void Bind(ServiceBinderBase binder) => Org.Apache.Beam.Model.JobManagement.V1.ArtifactRetrievalService.BindService(binder, this);

    public override Task<ResolveArtifactsResponse> ResolveArtifacts(ResolveArtifactsRequest request, ServerCallContext context)
    {
        var response = new ResolveArtifactsResponse();
        response.Replacements.Add(request.Artifacts);
        return Task.FromResult(response);
    }

    public override Task GetArtifact(GetArtifactRequest request, IServerStreamWriter<GetArtifactResponse> responseStream, ServerCallContext context) =>
        GetArtifactAsync(request, responseStream, context);

    private async Task GetArtifactAsync(GetArtifactRequest request, IServerStreamWriter<GetArtifactResponse> stream, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var artifact = request.Artifact ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "GetArtifactRequest.artifact is missing."));
        switch (artifact.TypeUrn)
        {
            case Urns.Artifacts.Embedded:
                var data = EmbeddedFilePayload.Parser.ParseFrom(artifact.TypePayload).Data.Memory;
                for (var offset = 0; offset < data.Length; offset += chunkBytes)
                {
                    var chunk = data.Slice(offset, Math.Min(chunkBytes, data.Length - offset));
                    await stream.WriteAsync(new GetArtifactResponse { Data = ByteString.CopyFrom(chunk.Span) }, ct).ConfigureAwait(false);
                }

                return;
            case Urns.Artifacts.File:
                var path = ArtifactFilePayload.Parser.ParseFrom(artifact.TypePayload).Path;
                var (jobId, directory) = CallerJob(context);
                if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(path) || !ArtifactStore.IsInside(directory, path))
                {
                    throw new RpcException(new Status(StatusCode.InvalidArgument, $"GetArtifact: file '{path}' is not an artifact staged for job {jobId} (under {directory})."));
                }

                await SendFileAsync(path, stream, ct).ConfigureAwait(false);
                return;
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"GetArtifact: artifact type '{artifact.TypeUrn}' cannot be retrieved from this runner (it serves {Urns.Artifacts.File} and {Urns.Artifacts.Embedded})."));
        }
    }

    // The job of the calling worker (its worker_id metadata) and that job's staging directory.
    private (string JobId, string Directory) CallerJob(ServerCallContext context)
    {
        var workerId = context.RequestHeaders.GetValue("worker_id");
        if (string.IsNullOrEmpty(workerId))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                "GetArtifact of a staged file needs the caller's worker_id request metadata: a worker may read only its own job's artifacts."));
        }

        var info = workers.Find(workerId)?.Provision
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"GetArtifact: worker_id '{workerId}' names no worker this runner started (or it was stopped)."));
        return (info.RetrievalToken, store.PathOf(info.RetrievalToken));
    }

    private async Task SendFileAsync(string path, IServerStreamWriter<GetArtifactResponse> stream, CancellationToken ct)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"GetArtifact: staged file '{path}' does not exist."));
        }

        await using (file.ConfigureAwait(false))
        {
            var buffer = new byte[chunkBytes];
            int read;
            while ((read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(new GetArtifactResponse { Data = ByteString.CopyFrom(buffer, 0, read) }, ct).ConfigureAwait(false);
            }
        }
    }
}
