using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>
/// The agency as the engine sees it, plus officer names and status: every case page and every act needs it, and it
/// changes only when an administrator edits settings, agreements or officers. Those edits bump the database's
/// <c>world</c> stamp (<see cref="InvalidateAsync"/>); every use reads the stamp (one primary-key read) and reloads
/// when it moved, so every instance on the database acts on the new settings from its next request on.
/// </summary>
public sealed class CustodyWorldCache(IClock clock) : IDisposable
{
    /// <summary>A safety net only: a change made around Liaison (by hand in the database) is seen within this.</summary>
    public static readonly Duration Lifetime = Duration.FromMinutes(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;

    public sealed record Snapshot(CustodyWorld World, IReadOnlyDictionary<string, (string Name, bool Active)> Officers, Instant LoadedAt, long Stamp);

    public async Task<Snapshot> GetAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetCurrentInstant();
        var stamp = await StampAsync(db, ct);
        if (Usable(_current, stamp, now) is { } fresh)
        {
            return fresh;
        }

        await _loading.WaitAsync(ct);
        try
        {
            if (Usable(_current, stamp, now) is { } other)
            {
                return other;
            }

            var world = await CustodyWorld.LoadAsync(db, ct);
            var officers = await db.Officers.AsNoTracking().ToDictionaryAsync(o => o.Id, o => (o.Name, o.Active), ct);
            return _current = new Snapshot(world, officers, now, stamp);
        }
        finally
        {
            _loading.Release();
        }
    }

    public async Task<CustodyWorld> WorldAsync(LiaisonDbContext db, CancellationToken ct = default) => (await GetAsync(db, ct)).World;

    /// <summary>After a change to what the world holds (saved): every instance reloads at its next use.</summary>
    public async Task InvalidateAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        _current = null;
        var bumped = await db.CacheStamps.Where(s => s.Name == CacheStampRecord.World)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (bumped == 0)
        {
            db.CacheStamps.Add(new CacheStampRecord { Name = CacheStampRecord.World, Version = 1 });
            await db.SaveChangesAsync(ct);
        }
    }

    private static Snapshot? Usable(Snapshot? snapshot, long stamp, Instant now) =>
        snapshot is { } s && s.Stamp == stamp && now - s.LoadedAt < Lifetime && now >= s.LoadedAt ? s : null;

    private static async Task<long> StampAsync(LiaisonDbContext db, CancellationToken ct) =>
        await db.CacheStamps.AsNoTracking().Where(s => s.Name == CacheStampRecord.World).Select(s => (long?)s.Version).FirstOrDefaultAsync(ct) ?? 0;

    public void Dispose() => _loading.Dispose();
}
