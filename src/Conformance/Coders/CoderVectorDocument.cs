namespace BeamConformance.Conformance.Coders;

/// <summary>
/// One document of a coder test-vector file in the format of Beam's <c>standard_coders.yaml</c>: a coder
/// (<c>urn</c>, <c>components</c>, <c>payload</c>, <c>non_deterministic</c>), an optional <c>nested</c> context
/// (absent: both contexts) and <c>examples</c> mapping encoded bytes to the decoded value.
/// </summary>
/// <param name="Index">0-based position of the document in its file.</param>
/// <param name="Line">1-based line of the document's start.</param>
/// <param name="Coder">The coder description.</param>
/// <param name="Nested">The context to test, or null for both.</param>
/// <param name="Examples">The examples, in file order.</param>
public sealed record CoderVectorDocument(int Index, int Line, CoderVectorSpec Coder, bool? Nested, IReadOnlyList<CoderVectorExample> Examples);
