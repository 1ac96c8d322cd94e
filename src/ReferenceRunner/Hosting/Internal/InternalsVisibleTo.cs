using System.Runtime.CompilerServices;

// The job side's tests drive the internal services' method declarations as a client would.
[assembly: InternalsVisibleTo("BeamConformance.ReferenceRunner.Tests")]
