using System.Xml.Linq;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Feeds;
using Liaison.Data.Integrations;
using Liaison.Data.Persistence;
using NodaTime;

namespace Liaison.Data.Niem;

/// <summary>What importing one NIEM document did: its answer, or why the document could not be read at all.</summary>
public sealed record NiemImport(EventAnswer? Answer, IReadOnlyList<string> Unusable);

/// <summary>
/// NIEM documents in and out: a booking's facts imported through the custody write path (as the jail's <c>book</c>,
/// idempotent by document id), and a booking's custody record exported, each export audited as a read of the case.
/// </summary>
public sealed class NiemService(CustodyService custody, CustodyWorldCache worlds, LiaisonDbContext db, IClock clock, AuditLog audit)
{
    public const string Exported = "case.export";

    /// <summary>The booking's document, or null when there is no such booking.</summary>
    public async Task<XDocument?> ExportAsync(string bookingId, CancellationToken ct = default)
    {
        var loaded = await custody.LoadAsync(bookingId, ct);
        if (loaded is null)
        {
            return null;
        }

        var document = NiemExchange.Export(loaded.Booking, loaded.Events, loaded.World.Zone, clock.GetCurrentInstant());
        await audit.RecordAsync(Exported, "booking", bookingId, "niem", ct: ct);
        return document;
    }

    public async Task<NiemImport> ImportAsync(TextReader text, string by, CancellationToken ct = default)
    {
        var (document, problems) = NiemExchange.Load(text);
        if (document is null)
        {
            return new NiemImport(null, problems);
        }

        var zone = (await worlds.WorldAsync(db, ct)).Zone;
        var (read, problem) = NiemExchange.Read(document, zone);
        if (read is null)
        {
            return new NiemImport(EventAnswer.Of(null, problem!), []);
        }

        var result = (await custody.ApplyAsync([read.ToSubmission(by)], ct))[0];
        return new NiemImport(EventAnswer.Of(read.EventId, result, NiemExchange.Paths["at"], NiemExchange.Paths["event_id"]), []);
    }
}
