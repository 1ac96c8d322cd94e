namespace BeamConformance.Conformance.Running;

/// <summary>
/// The run was asked for something that would check nothing or check it wrongly: a filter that matches no scenario,
/// an expectations entry naming no scenario, an unregistered feature tag, a missing file, a malformed endpoint. The
/// CLI prints the message and exits with code 2 before running anything.
/// </summary>
public sealed class SuiteUsageException : Exception
{
    /// <summary>Creates the error.</summary>
    public SuiteUsageException()
    {
    }

    /// <summary>Creates the error with its one-line, user-facing message.</summary>
    /// <param name="message">What is wrong and where.</param>
    public SuiteUsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its message and cause.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The cause.</param>
    public SuiteUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
