namespace BeamConformance.Engine;

/// <summary>What <see cref="JobEngine.GetNextBundle"/> found.</summary>
/// <param name="Kind">Ready, wait, done, failed or stuck.</param>
/// <param name="Bundle">The bundle when <paramref name="Kind"/> is <see cref="NextBundleKind.Ready"/>; else null.</param>
/// <param name="Message">Failure reason (Failed) or the state dump (Stuck); else null.</param>
public sealed record NextBundle(NextBundleKind Kind, Bundle? Bundle, string? Message);
