using BeamConformance.Robustness.Tests;

// One ReferenceRunner process takes every case of the run; after each case it must be alive and answer GetJobs.
[assembly: AssemblyFixture(typeof(FuzzRunner))]
