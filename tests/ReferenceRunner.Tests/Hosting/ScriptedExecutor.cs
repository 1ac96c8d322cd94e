using System.Threading.Channels;
using BeamConformance.ReferenceRunner.Execution;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>
/// A test IJobExecutor for tests whose subject is the job side, not execution: records each run's context
/// and behaves as <see cref="Behavior"/> says (default: completes at once).
/// </summary>
internal sealed class ScriptedExecutor : IJobExecutor
{
    private readonly Channel<JobRunContext> _started = Channel.CreateUnbounded<JobRunContext>();

    /// <summary>What each run does.</summary>
    public Func<JobRunContext, CancellationToken, Task> Behavior { get; set; } = (_, _) => Task.CompletedTask;

    public Task ExecuteAsync(JobRunContext context, CancellationToken cancellationToken)
    {
        _started.Writer.TryWrite(context);
        return Behavior(context, cancellationToken);
    }

    /// <summary>The context of the next run to start.</summary>
    public async Task<JobRunContext> NextStartAsync() =>
        await _started.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
