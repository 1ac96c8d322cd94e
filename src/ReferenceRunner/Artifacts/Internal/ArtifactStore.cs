namespace BeamConformance.ReferenceRunner.Artifacts.Internal;

/// <summary>
/// The directory staged artifacts live in: one sub-directory per job. Knows whether a path lies inside it
/// (the only files the retrieval service serves). A store that created its own temporary root deletes it
/// on <see cref="Dispose"/>.
/// </summary>
internal sealed class ArtifactStore : IDisposable
{
    private readonly bool _owned;

    public ArtifactStore(string? root)
    {
        _owned = root is null;
        Root = Path.GetFullPath(root ?? Path.Combine(Path.GetTempPath(), "beam-reference-runner-" + Guid.NewGuid().ToString("N")[..12]));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The absolute root directory.</summary>
    public string Root { get; }

    /// <summary>The job's directory (created), <c>Root/jobId</c>.</summary>
    public string JobDirectory(string jobId)
    {
        var directory = PathOf(jobId);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The job's directory, <c>Root/jobId</c>, whether it exists or not.</summary>
    public string PathOf(string jobId)
    {
        var directory = Path.Combine(Root, jobId);
        if (jobId.Length == 0 || !IsInside(Root, directory) || Path.GetFileName(directory) != jobId)
        {
            throw new InvalidOperationException($"ReferenceRunner bug: job id '{jobId}' is not a plain directory name.");
        }

        return directory;
    }

    /// <summary>Deletes the job's directory and everything staged in it (nothing when it does not exist).</summary>
    public void Delete(string jobId)
    {
        try
        {
            Directory.Delete(PathOf(jobId), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was staged.
        }
        catch (IOException)
        {
            // A file still open (a worker reading it): left for the store's own cleanup.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>True when <paramref name="path"/>, made absolute, lies strictly inside <paramref name="directory"/>.</summary>
    public static bool IsInside(string directory, string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal) && full.Length > root.Length;
    }

    public void Dispose()
    {
        if (_owned)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere: the temporary directory is left for the OS to clean.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }
}
