using Yibao.Application.Settlement;

namespace Yibao.Infrastructure.Settlement;

/// <summary>SQLite: one write transaction of the settlement API at a time, in arrival order (see <see cref="IWriteTurns"/>).</summary>
internal sealed class SqliteWriteTurns : IWriteTurns, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken ct = default)
    {
        await _turn.WaitAsync(ct);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}

/// <summary>PostgreSQL: no queue; the database serialises what must be serialised (advisory locks per person, row locks).</summary>
internal sealed class NoWriteTurns : IWriteTurns
{
    public ValueTask<IDisposable?> EnterAsync(CancellationToken ct = default) => ValueTask.FromResult<IDisposable?>(null);
}
