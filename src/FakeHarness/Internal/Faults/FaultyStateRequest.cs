using Org.Apache.Beam.Model.FnExecution.V1;

namespace BeamConformance.FakeHarness.Internal.Faults;

/// <summary>One deliberately wrong state request: the StateKey, what is asked of it, and the appended bytes.</summary>
/// <param name="Key">The state key sent.</param>
/// <param name="Verb">Get, append or clear.</param>
/// <param name="Data">The bytes of an append; null for a get or a clear.</param>
internal sealed record FaultyStateRequest(StateKey Key, StateVerb Verb, byte[]? Data);
