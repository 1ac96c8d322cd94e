using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BeamConformance.FakeHarness;

/// <summary>Settings of a <see cref="FakeHarnessWorkerPool"/> and its workers.</summary>
public sealed class FakeHarnessOptions
{
    /// <summary>The address the worker pool binds, default <c>127.0.0.1</c>.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The worker pool's TCP port; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Local diagnostics (the harness also sends its log entries to the runner's logging endpoint).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// The largest number of bytes of encoded elements a data sink buffers before it sends an <c>Elements</c>
    /// message, default 1 MiB.
    /// </summary>
    public int DataFlushBytes { get; init; } = 1 << 20;

    /// <summary>The clock that stamps recorded bundle events (<see cref="RecordedBundleEvent.AtMillis"/>). Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
