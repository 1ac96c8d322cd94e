using System.Globalization;

namespace BeamConformance.ReferenceRunner.Hosting;

/// <summary>
/// How long the runner keeps jobs that no longer run, with their staged files (<c>--job-retention</c>). A finished job
/// (DONE, FAILED, CANCELLED...) is dropped <see cref="MaxAge"/> after it finished, and a prepared job that was never run
/// <see cref="MaxAge"/> after it was prepared or its staging last ended; when more than <see cref="MaxJobs"/> jobs are
/// kept, the ones idle longest go first. A running job, or one whose artifacts are being staged, is never dropped.
/// After a job is dropped its id is NOT_FOUND like any unknown id. Default: 1 hour and 1,000 jobs.
/// </summary>
public sealed record JobRetention
{
    /// <summary>The default: 1 hour, 1,000 jobs.</summary>
    public static JobRetention Default { get; } = new();

    /// <summary>How long an idle (finished, or prepared and never run) job is kept; null keeps it for ever. Default 1 hour.</summary>
    public TimeSpan? MaxAge { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Most jobs kept (running ones count but are never dropped); null for no limit. Default 1,000.</summary>
    public int? MaxJobs { get; init; } = 1000;

    /// <summary>
    /// Parses the <c>--job-retention</c> value: one or two parts separated by a comma, each a duration (a number and a
    /// unit: <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>, e.g. <c>30m</c>) or a count of jobs (a whole number,
    /// e.g. <c>500</c>), or <c>none</c>: no limit of the kind not given (alone: no limit at all). A kind left out
    /// otherwise keeps its default. Examples: <c>10m</c>, <c>200</c>, <c>2h,5000</c>, <c>30m,none</c>, <c>none</c>.
    /// </summary>
    /// <exception cref="FormatException">The value is none of these.</exception>
    public static JobRetention Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > 2)
        {
            throw new FormatException($"--job-retention '{value}': at most a duration and a count, separated by a comma.");
        }

        TimeSpan? age = null;
        int? jobs = null;
        var nones = 0;
        foreach (var part in parts)
        {
            if (part == "none")
            {
                nones++;
            }
            else if (jobs is null && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                jobs = count >= 1 ? count : throw new FormatException($"--job-retention '{value}': the count of jobs must be at least 1.");
            }
            else if (age is null && ParseDuration(part) is { } duration)
            {
                age = duration;
            }
            else
            {
                throw new FormatException($"--job-retention '{value}': '{part}' is neither a duration (e.g. 30m, 2h, 90s) nor a count of jobs (e.g. 500), or repeats one.");
            }
        }

        // "none" stands for the kind not given: alone, for both.
        return nones == 0
            ? new JobRetention { MaxAge = age ?? Default.MaxAge, MaxJobs = jobs ?? Default.MaxJobs }
            : new JobRetention { MaxAge = age, MaxJobs = jobs };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(MaxAge is { } a ? a.ToString("c", CultureInfo.InvariantCulture) : "none")},{(MaxJobs is { } n ? n.ToString(CultureInfo.InvariantCulture) : "none")}";

    private static TimeSpan? ParseDuration(string text)
    {
        var unit = text.TakeLast(2).All(char.IsAsciiLetter) && text.EndsWith("ms", StringComparison.Ordinal) ? "ms" : text.Length > 0 ? text[^1..] : "";
        var number = text[..^unit.Length];
        if (number.Length == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }

        return unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            "d" => TimeSpan.FromDays(amount),
            _ => null,
        };
    }
}
