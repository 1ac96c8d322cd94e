using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace BeamConformance.ReferenceRunner.Tests.Hosting;

/// <summary>
/// Records every log entry at every level with its EventId, text and the scopes active when it was logged (outermost
/// first, as their formatted text), the way a scope-aware provider sees them: scopes flow with the async context.
/// </summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly AsyncLocal<ImmutableList<string>?> _scopes = new();

    public ConcurrentQueue<(int EventId, string Category, string Text, IReadOnlyList<string> Scopes)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var outer = factory._scopes.Value ?? [];
            factory._scopes.Value = outer.Add(state.ToString() ?? "");
            return new Pop(factory, outer);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            factory.Entries.Enqueue((eventId.Id, category, formatter(state, exception), factory._scopes.Value ?? []));
    }

    private sealed class Pop(RecordingLoggerFactory factory, ImmutableList<string> outer) : IDisposable
    {
        public void Dispose() => factory._scopes.Value = outer;
    }
}
