using System.Diagnostics;

namespace BeamConformance.Conformance.Tests.Reports;

/// <summary>
/// Debian's <c>chromium</c>, headless, with a fresh profile and no network side traffic, to load a report as a browser
/// does. Missing chromium skips the calling test, except under <c>CI=true</c>, where it fails (.ci/run installs it).
/// </summary>
internal static class Chromium
{
    /// <summary>The DOM of <paramref name="file"/> after loading and running its scripts (<c>--dump-dom</c>).</summary>
    public static async Task<string> DumpDomAsync(string file, CancellationToken cancellationToken)
    {
        var executable = Find();
        if (executable is null)
        {
            const string Reason = "chromium is not installed (Debian package 'chromium'; bash .ci/run installs it)";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(Reason);
            }

            Skipping.Because(Reason);
        }

        var profile = Directory.CreateTempSubdirectory("beam-chromium-");
        try
        {
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}", "--dump-dom", new Uri(file).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(90));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            var dom = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await stderr}");
            return dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "chromium")).FirstOrDefault(File.Exists);
}
