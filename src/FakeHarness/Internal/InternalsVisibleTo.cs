using System.Runtime.CompilerServices;

// The harness's tests check the channel-split arithmetic (Internal/Splits) case by case.
[assembly: InternalsVisibleTo("BeamConformance.FakeHarness.Tests")]
