namespace BeamConformance.Model.Coders;

/// <summary>
/// Bytes that a coder cannot decode (truncated input, an over-long varint, invalid UTF-8, a negative or
/// oversized length, an unknown pane encoding...) or a value it cannot encode. The message names the coder
/// URN and the byte offset, counted from the start of the buffer being decoded.
/// </summary>
public sealed class CoderException : Exception
{
    /// <summary>Creates an error for coder <paramref name="urn"/> at <paramref name="offset"/> (-1 when encoding).</summary>
    public CoderException(string urn, long offset, string problem)
        : base(offset >= 0 ? $"{urn}: {problem} at byte offset {offset}" : $"{urn}: {problem}")
    {
        Urn = urn;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>Creates an error wrapping another cause.</summary>
    public CoderException(string urn, long offset, string problem, Exception inner)
        : base(offset >= 0 ? $"{urn}: {problem} at byte offset {offset}" : $"{urn}: {problem}", inner)
    {
        Urn = urn;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The URN of the coder that failed (e.g. <c>beam:coder:varint:v1</c>).</summary>
    public string Urn { get; }

    /// <summary>Byte offset in the decoded buffer where the problem was found; -1 for encoding errors.</summary>
    public long Offset { get; }

    /// <summary>What was wrong, without the URN and offset.</summary>
    public string Problem { get; }
}
