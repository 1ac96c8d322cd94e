using BeamConformance.Model;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Org.Apache.Beam.Model.JobManagement.V1;
using Org.Apache.Beam.Model.Pipeline.V1;

namespace BeamConformance.ReferenceRunner.Artifacts.Internal;

/// <summary>The runner's side of one ReverseArtifactRetrievalService stream: resolve, then fetch each artifact.</summary>
internal sealed class StagingSession(
    IAsyncStreamReader<ArtifactResponseWrapper> replies,
    IServerStreamWriter<ArtifactRequestWrapper> requests,
    string jobDirectory,
    CancellationToken cancellationToken)
{
    /// <summary>Stages one environment's dependencies; returns the rewritten list.</summary>
    /// <param name="environmentId">For error messages.</param>
    /// <param name="environmentIndex">Names the environment's sub-directory.</param>
    /// <param name="dependencies">Environment.dependencies as submitted.</param>
    public async Task<List<ArtifactInformation>> StageEnvironmentAsync(string environmentId, int environmentIndex, IEnumerable<ArtifactInformation> dependencies)
    {
        var resolve = new ResolveArtifactsRequest();
        resolve.Artifacts.Add(dependencies);
        resolve.PreferredUrns.Add(Urns.Artifacts.File);
        resolve.PreferredUrns.Add(Urns.Artifacts.Embedded);
        await requests.WriteAsync(new ArtifactRequestWrapper { ResolveArtifact = resolve }, cancellationToken).ConfigureAwait(false);
        var reply = await NextAsync($"the ResolveArtifactsResponse for environment '{environmentId}'").ConfigureAwait(false);
        if (reply.ResponseCase != ArtifactResponseWrapper.ResponseOneofCase.ResolveArtifactResponse)
        {
            throw Invalid($"expected a ResolveArtifactsResponse for environment '{environmentId}' but got {reply.ResponseCase}");
        }

        var staged = new List<ArtifactInformation>();
        var replacements = reply.ResolveArtifactResponse.Replacements;
        for (var i = 0; i < replacements.Count; i++)
        {
            var artifact = replacements[i];
            if (artifact.TypeUrn == Urns.Artifacts.Url)
            {
                staged.Add(artifact);
                continue;
            }

            var directory = Path.Combine(jobDirectory, environmentIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var name = StagedName(artifact);
            if (WhyInvalid(name) is { } why)
            {
                throw Invalid($"artifact {i} of environment '{environmentId}' ({artifact.TypeUrn}): staged name '{name}' {why}");
            }

            var path = Path.GetFullPath(Path.Combine(directory, name));
            if (!ArtifactStore.IsInside(directory, path))
            {
                throw Invalid($"artifact {i} of environment '{environmentId}' ({artifact.TypeUrn}): staged name '{name}' would escape the job's staging directory");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string sha256;
            if (artifact.TypeUrn == Urns.Artifacts.Embedded)
            {
                var data = EmbeddedFilePayload.Parser.ParseFrom(artifact.TypePayload).Data;
                await File.WriteAllBytesAsync(path, data.Memory, cancellationToken).ConfigureAwait(false);
                sha256 = Convert.ToHexStringLower(SHA256.HashData(data.Span));
            }
            else
            {
                sha256 = await FetchAsync(artifact, path, $"artifact {i} of environment '{environmentId}'").ConfigureAwait(false);
            }

            staged.Add(new ArtifactInformation
            {
                TypeUrn = Urns.Artifacts.File,
                TypePayload = new ArtifactFilePayload { Path = path, Sha256 = sha256 }.ToByteString(),
                RoleUrn = artifact.RoleUrn,
                RolePayload = artifact.RolePayload,
            });
        }

        return staged;
    }

    /// <summary>
    /// The file name: the staging_to role's staged_name, else the last segment of a file artifact's path,
    /// else <c>artifact</c>.
    /// </summary>
    private static string StagedName(ArtifactInformation artifact)
    {
        if (artifact.RoleUrn == Urns.Artifacts.StagingTo)
        {
            var stagedName = ArtifactStagingToRolePayload.Parser.ParseFrom(artifact.RolePayload).StagedName;
            if (stagedName.Length > 0)
            {
                return stagedName;
            }
        }

        if (artifact.TypeUrn == Urns.Artifacts.File)
        {
            var fileName = Path.GetFileName(ArtifactFilePayload.Parser.ParseFrom(artifact.TypePayload).Path);
            if (fileName.Length > 0)
            {
                return fileName;
            }
        }

        return "artifact";
    }

    /// <summary>Most bytes of one component of a staged name (Linux's NAME_MAX): 255.</summary>
    public const int MaxComponentBytes = 255;

    /// <summary>Most bytes of a whole staged name: 1,024 (PATH_MAX is 4,096 with the staging directory in front).</summary>
    public const int MaxNameBytes = 1024;

    /// <summary>Why a staged name cannot be a file name under the job's directory, or null when it can.</summary>
    public static string? WhyInvalid(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return "contains a NUL character";
        }

        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return $"is {System.Text.Encoding.UTF8.GetByteCount(name)} bytes long, more than the limit of {MaxNameBytes}";
        }

        if (name.EndsWith('/'))
        {
            return "names a directory, not a file";
        }

        foreach (var component in name.Split('/'))
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(component);
            if (bytes > MaxComponentBytes)
            {
                return $"has a path component of {bytes} bytes, more than the file system's limit of {MaxComponentBytes}";
            }
        }

        return null;
    }

    private async Task<string> FetchAsync(ArtifactInformation artifact, string path, string what)
    {
        await requests.WriteAsync(new ArtifactRequestWrapper { GetArtifact = new GetArtifactRequest { Artifact = artifact } }, cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            while (true)
            {
                var reply = await NextAsync($"the GetArtifact chunks of {what}").ConfigureAwait(false);
                if (reply.ResponseCase == ArtifactResponseWrapper.ResponseOneofCase.GetArtifactResponse)
                {
                    var data = reply.GetArtifactResponse.Data;
                    hash.AppendData(data.Span);
                    await file.WriteAsync(data.Memory, cancellationToken).ConfigureAwait(false);
                }
                else if (!reply.IsLast)
                {
                    throw Invalid($"expected GetArtifactResponse chunks of {what} but got {reply.ResponseCase}");
                }

                if (reply.IsLast)
                {
                    break;
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<ArtifactResponseWrapper> NextAsync(string expected)
    {
        if (!await replies.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw Invalid($"the staging stream ended while waiting for {expected}");
        }

        return replies.Current;
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, "Artifact staging: " + detail + "."));
}
