using BeamConformance.Interop.Tests;

// One ReferenceRunner process serves every pipeline of the run.
[assembly: AssemblyFixture(typeof(RunnerProcess))]
