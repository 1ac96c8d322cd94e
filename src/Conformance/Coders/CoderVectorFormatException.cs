namespace BeamConformance.Conformance.Coders;

/// <summary>A coder vector file that does not follow the format (names the file and line).</summary>
public sealed class CoderVectorFormatException : Exception
{
    /// <summary>Creates the error.</summary>
    public CoderVectorFormatException(string message) : base(message) { }

    /// <summary>Creates the error with a cause.</summary>
    public CoderVectorFormatException(string message, Exception inner) : base(message, inner) { }
}
