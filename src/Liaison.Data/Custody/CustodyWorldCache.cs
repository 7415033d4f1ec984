using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>
/// The agency as the engine sees it, plus officer names and status, kept for a few seconds: every case
/// page and every act needs it, and it changes only when an administrator edits settings, agreements or
/// officers (those pages call <see cref="Invalidate"/>; other instances see the change within
/// <see cref="Lifetime"/>).
/// </summary>
public sealed class CustodyWorldCache(IClock clock) : IDisposable
{
    public static readonly Duration Lifetime = Duration.FromSeconds(10);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;

    public sealed record Snapshot(CustodyWorld World, IReadOnlyDictionary<string, (string Name, bool Active)> Officers, Instant LoadedAt);

    public async Task<Snapshot> GetAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetCurrentInstant();
        if (_current is { } fresh && now - fresh.LoadedAt < Lifetime && now >= fresh.LoadedAt)
        {
            return fresh;
        }

        await _loading.WaitAsync(ct);
        try
        {
            if (_current is { } other && now - other.LoadedAt < Lifetime && now >= other.LoadedAt)
            {
                return other;
            }

            var world = await CustodyWorld.LoadAsync(db, ct);
            var officers = await db.Officers.AsNoTracking().ToDictionaryAsync(o => o.Id, o => (o.Name, o.Active), ct);
            return _current = new Snapshot(world, officers, now);
        }
        finally
        {
            _loading.Release();
        }
    }

    public async Task<CustodyWorld> WorldAsync(LiaisonDbContext db, CancellationToken ct = default) => (await GetAsync(db, ct)).World;

    public void Invalidate() => _current = null;

    public void Dispose() => _loading.Dispose();
}
