namespace BeamConformance.ReferenceRunner.Translation;

/// <summary>A pipeline cannot be translated: carries every <see cref="ValidationProblem"/> found.</summary>
public sealed class PipelineTranslationException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public PipelineTranslationException(IReadOnlyList<ValidationProblem> problems)
        : base(PipelineValidator.Format(problems)) => Problems = problems;

    /// <summary>Creates the exception with a message only.</summary>
    public PipelineTranslationException() : this([]) { }

    /// <summary>Creates the exception with a message only.</summary>
    public PipelineTranslationException(string message) : base(message) => Problems = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PipelineTranslationException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }
}
