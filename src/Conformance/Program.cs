using System.CommandLine;
using BeamConformance.Conformance.Coders;
using BeamConformance.Conformance.Running;

// The BeamConformance CLI. Each command family adds itself with one line.
var root = new RootCommand("BeamConformance: checks Beam portable runners against the Beam portability protocols");
root.Subcommands.Add(CodersCommand.Create());
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ListCommand.Create());
root.Subcommands.Add(CoverageCommand.Create());
root.Subcommands.Add(BeamConformance.Conformance.Reports.MergeCommand.Create());

// Ctrl-C cancels the command's token; `run` then cancels the job in flight and writes its reports, which may take a
// few seconds against a frozen runner, so it gets that long before the process is ended.
return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
