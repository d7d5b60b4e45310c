using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Yibao.Application.Common;
using Yibao.Infrastructure.Persistence;

namespace Yibao.Application.Tests.Common;

/// <summary>
/// The composition root's pooled DbContext: a DI scope hands one context out under two names (AppDbContext and
/// IAppDbContext) and the container disposes each; the context must still go back to the pool exactly once, usable by
/// the next request and never shared by two requests at a time.
/// </summary>
public sealed class ScopedContextTests
{
    public static TheoryData<string> Providers => TestDatabase.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_scope_returns_its_context_to_the_pool_once_and_the_next_scope_can_use_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        AppDbContext first;
        await using (var scope = db.Services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            scope.ServiceProvider.GetRequiredService<IAppDbContext>().ShouldBeSameAs(first);
            (await first.Persons.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        }

        for (var i = 0; i < 3; i++)
        {
            await using var scope = db.Services.CreateAsyncScope();
            var next = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            scope.ServiceProvider.GetRequiredService<AppDbContext>().ShouldBeSameAs(next);
            (await next.Persons.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);

            // A request running at the same time gets another context.
            await using var other = db.Services.CreateAsyncScope();
            var otherContext = other.ServiceProvider.GetRequiredService<AppDbContext>();
            otherContext.ShouldNotBeSameAs(next);
            (await otherContext.Persons.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_scopes_never_share_or_lose_a_context(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<AppDbContext, byte>();
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var n = 0; n < 400; n++)
            {
                await using var scope = db.Services.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                scope.ServiceProvider.GetRequiredService<IAppDbContext>().ShouldBeSameAs(context);
                inUse.TryAdd(context, 0).ShouldBeTrue("两个并发的作用域拿到了同一个 DbContext");
                try
                {
                    (await context.Persons.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
                }
                finally
                {
                    inUse.TryRemove(context, out var _);
                }
            }
        }));
        await Task.WhenAll(workers);
    }
}
