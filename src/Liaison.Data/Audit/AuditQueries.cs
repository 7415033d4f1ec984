using System.Globalization;
using System.Text;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Audit;

/// <summary>What an auditor asks of the audit log: any of who, which record, which action, and a time range (half-open).</summary>
public sealed record AuditFilter(string? Actor, string? RecordId, string? Action, Instant? From, Instant? Until);

/// <summary>Reads the audit log for auditors: filtered, newest first, and as CSV.</summary>
public sealed class AuditQueries(LiaisonDbContext db, AuditLog audit)
{
    private IQueryable<AuditEntryRecord> Filtered(AuditFilter f)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            q = q.Where(e => e.Actor == f.Actor.Trim());
        }

        if (!string.IsNullOrWhiteSpace(f.RecordId))
        {
            q = q.Where(e => e.RecordId == f.RecordId.Trim());
        }

        if (!string.IsNullOrWhiteSpace(f.Action))
        {
            q = q.Where(e => e.Action == f.Action.Trim());
        }

        if (f.From is { } from)
        {
            q = q.Where(e => e.At >= from);
        }

        if (f.Until is { } until)
        {
            q = q.Where(e => e.At < until);
        }

        return q;
    }

    /// <summary>The newest <paramref name="limit"/> entries matching, and how many match in all.</summary>
    /// <summary>The head of each hash chain, for administrators to note outside the system.</summary>
    public Task<IReadOnlyList<ChainHead>> HeadsAsync(CancellationToken ct = default) => ChainVerifier.HeadsAsync(db, ct);

    public async Task<(IReadOnlyList<AuditEntryRecord> Entries, int Total)> FindAsync(AuditFilter filter, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var q = Filtered(filter);
        return (await q.OrderByDescending(e => e.ChainIndex).Take(limit).ToListAsync(ct), await q.CountAsync(ct));
    }

    /// <summary>Every matching entry as CSV (oldest first, with its chain index and hash); the export itself is audited.</summary>
    public async Task<string> CsvAsync(AuditFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await audit.RecordAsync("audit.export", "audit", null, System.Text.Json.JsonSerializer.Serialize(filter), ct: ct);
        var csv = new StringBuilder("chainIndex,at,actor,address,action,recordType,recordId,details,hash\n");
        await foreach (var e in Filtered(filter).OrderBy(e => e.ChainIndex).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.AppendJoin(',', [
                e.ChainIndex.ToString(CultureInfo.InvariantCulture), InstantPattern.ExtendedIso.Format(e.At), Cell(e.Actor), Cell(e.Address),
                Cell(e.Action), Cell(e.RecordType), Cell(e.RecordId), Cell(e.Details), e.Hash]).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
