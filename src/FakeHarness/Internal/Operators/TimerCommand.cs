using System.Globalization;

namespace BeamConformance.FakeHarness.Internal.Operators;

/// <summary>
/// One step of the <c>timers</c> test DoFn (testdata/README.md, "Timers"), parsed from a payload string:
/// <c>buffer</c>, <c>buffer_fired</c>, <c>emit</c>, <c>emit_buffer</c>, <c>clear_buffer</c>, <c>emit_fired</c>,
/// <c>set FAMILY TIME [tag=T] [hold=TIME]</c>, <c>clear FAMILY [tag=T]</c>, <c>loop N STEP</c>, <c>fault KIND</c>, each optionally
/// prefixed by <c>when=X</c> (run only for an element whose value is X, or a firing timer whose tag is X).
/// A TIME is <c>window_end</c> (the window's max timestamp), <c>ts</c> / <c>ts+N</c> / <c>ts-N</c> (the element's
/// timestamp, or the firing timer's fire timestamp), or an absolute ms value.
/// </summary>
internal sealed record TimerCommand(string Verb, string Family, string? Time, string Tag, string? Hold, long Count, long Step)
{
    private static readonly HashSet<string> Plain = ["buffer", "buffer_fired", "emit", "emit_buffer", "clear_buffer", "emit_fired"];

    /// <summary>
    /// The kinds of <c>fault KIND</c> (testdata/README.md, "Harness faults"): every faulty state request
    /// (<see cref="Faults.FaultyStateRequests"/>) and the two timer faults <see cref="TimerOperator"/> applies to the timers it
    /// sends, <c>timer_foreign_key</c> and <c>timer_bad_bytes</c>.
    /// </summary>
    public static IReadOnlySet<string> FaultKinds { get; } = Faults.FaultyStateRequests.Kinds.Union(["timer_foreign_key", "timer_bad_bytes"]).ToHashSet(StringComparer.Ordinal);

    /// <summary>The kind of a <c>fault KIND</c> command (one of <see cref="FaultKinds"/>), else null.</summary>
    public string? Fault { get; init; }

    /// <summary>The <c>when=X</c> condition, or null: always.</summary>
    public string? When { get; init; }

    /// <exception cref="HarnessException">The text is not a command.</exception>
    public static TimerCommand Parse(string text, string at)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words is [var first, .. var rest] && first.StartsWith("when=", StringComparison.Ordinal))
        {
            return Parse(string.Join(' ', rest), at) with { When = first[5..] };
        }

        string Option(string name) => words.Skip(2).FirstOrDefault(w => w.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "";
        return words switch
        {
            [var verb] when Plain.Contains(verb) => new(verb, "", null, "", null, 0, 0),
            ["set", var family, var time, ..] => Checked(new("set", family, time, Option("tag"), Option("hold") is { Length: > 0 } hold ? hold : null, 0, 0), words, at),
            ["clear", var family, ..] => new("clear", family, null, Option("tag"), null, 0, 0),
            ["loop", var n, var step] => new("loop", "", null, "", null, Long(n, at), Long(step, at)),
            ["fault", var kind] when FaultKinds.Contains(kind) => new("fault", "", null, "", null, 0, 0) { Fault = kind },
            ["fault", var kind] => throw new HarnessException($"{at}: '{kind}' is not a fault kind ({string.Join(", ", FaultKinds.Order(StringComparer.Ordinal))})"),
            _ => throw new HarnessException($"{at}: '{text}' is not a timers command ([when=X] buffer, buffer_fired, emit, emit_buffer, clear_buffer, emit_fired, set FAMILY TIME [tag=T] [hold=TIME], clear FAMILY [tag=T], loop N STEP, fault KIND)"),
        };
    }

    /// <summary>Resolves a TIME against the window and the base timestamp (element timestamp or fire timestamp).</summary>
    public static long Resolve(string time, long windowMax, long baseMillis, string at) => time switch
    {
        "window_end" => windowMax,
        "ts" => baseMillis,
        _ when time.StartsWith("ts+", StringComparison.Ordinal) => baseMillis + Long(time[3..], at),
        _ when time.StartsWith("ts-", StringComparison.Ordinal) => baseMillis - Long(time[3..], at),
        _ => Long(time, at),
    };

    private static TimerCommand Checked(TimerCommand command, string[] words, string at)
    {
        foreach (var extra in words.Skip(3).Where(static w => !w.StartsWith("tag=", StringComparison.Ordinal) && !w.StartsWith("hold=", StringComparison.Ordinal)))
        {
            throw new HarnessException($"{at}: '{extra}' is not an option of set (tag=T, hold=TIME)");
        }

        return command;
    }

    private static long Long(string text, string at) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw new HarnessException($"{at}: '{text}' is not an integer");
}
