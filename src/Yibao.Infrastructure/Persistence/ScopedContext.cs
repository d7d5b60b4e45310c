using Microsoft.EntityFrameworkCore;
using Yibao.Application.Common;

namespace Yibao.Infrastructure.Persistence;

/// <summary>
/// The one owner of a DI scope's pooled <see cref="AppDbContext"/>: leases it from the pool when the scope first needs it
/// (telling it who works and the clock) and returns it to the pool once when the scope ends, however many registrations
/// (<see cref="AppDbContext"/>, <see cref="IAppDbContext"/>) handed the same instance out.
/// </summary>
internal sealed class ScopedContext(IDbContextFactory<AppDbContext> factory, ICurrentUser? currentUser, TimeProvider? clock) : IDisposable, IAsyncDisposable
{
    private AppDbContext? _context;

    public AppDbContext Context => _context ??= Leased(factory.CreateDbContext().Lease(currentUser, clock));

    private static AppDbContext Leased(AppDbContext context)
    {
        context.OwnedByScope = true;
        return context;
    }

    public void Dispose()
    {
        if (_context is { } c)
        {
            _context = null;
            c.OwnedByScope = false;
            c.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is { } c)
        {
            _context = null;
            c.OwnedByScope = false;
            await c.DisposeAsync();
        }
    }
}
