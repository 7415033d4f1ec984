namespace Liaison.Data.Persistence;

/// <summary>
/// A counter every instance reads before trusting what it cached: a change bumps it, and every instance on the
/// database sees the bump on its next read (a cache invalidated in one process only would leave the others acting
/// on old settings).
/// </summary>
public sealed class CacheStampRecord
{
    /// <summary>The agency as the engine sees it: settings, holidays, agreements, officers (<see cref="Custody.CustodyWorldCache"/>).</summary>
    public const string World = "world";

    public string Name { get; set; } = "";

    public long Version { get; set; }
}
