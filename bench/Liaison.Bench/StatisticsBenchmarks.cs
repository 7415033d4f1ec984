using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Data.Statistics;
using Liaison.Domain.Custody;
using Liaison.Domain.Statistics;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Liaison.Bench;

/// <summary>
/// The statistics at scale (docs/benchmarks.md, issue 11), on a demo database grown with synthetic bookings written
/// straight into its tables:
/// <list type="bullet">
/// <item><c>stats-grow DIR N</c>: adds bookings (with about three charges each) until DIR holds N.</item>
/// <item><c>stats DIR</c>: recomputes every statistic as the dashboard does (<see cref="StatisticsService.ComputeAsync"/>
/// and every month's figures), then the same aggregations in DuckDB over a copy of the same rows; checks that both
/// give the same counts; prints the ratio. Then the cost of one custody event through the write path.</item>
/// </list>
/// </summary>
public static class StatisticsBenchmarks
{
    private const string Zone = "America/New_York";

    /// <summary>A realistic year: about 90% screened, a quarter matched, 8% with a detainer, 6% transferred; three charges each on average.</summary>
    public static async Task<int> GrowAsync(string dataDir, long target)
    {
        var path = Path.Combine(dataDir, "liaison.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;");
        var have = (long)(await Scalar(connection, "SELECT count(*) FROM bookings"))!;
        var now = (long)(await Scalar(connection, "SELECT max(BookedAt) FROM bookings"))!;
        var codes = new List<(string Code, string Level)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT DISTINCT Code, Level FROM charges ORDER BY Code, Level";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                codes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        // Bulk load: drop the secondary indexes, insert, build them again (the schema ends as it began).
        var indexes = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('bookings', 'charges') AND sql IS NOT NULL";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add(reader.GetString(0));
            }
        }

        foreach (var sql in indexes)
        {
            await Execute(connection, "DROP INDEX " + sql.Split('"')[1]);
        }

        var random = new Random(1_100);
        var clock = Stopwatch.StartNew();
        const long Year = 365L * 24 * 3600 * 10_000_000;
        const long Hour = 3600L * 10_000_000;
        string[] countries = ["US", "US", "US", "US", "US", "MX", "MX", "GT", "HN", "SV", "CN", "IN", "VN", "BR", "HT", "CU", "VE", "CO", "PH", "NG"];
        string[] lifts = [LiftReasons.IceCancelled, LiftReasons.IdentityMismatch, LiftReasons.LawfulStatus, LiftReasons.CourtOrder, LiftReasons.UsCitizen];
        string[] statuses = ["pending", "pending", "pending", "convicted", "dismissed"];
        var people = Math.Max(1, target * 3 / 4);
        for (var start = have; start < target; start += 100_000)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var booking = connection.CreateCommand();
            booking.CommandText = """
                INSERT INTO bookings (Id, PersonId, LastName, FirstName, SearchName, BirthCountry, CitizenshipCountry, Language, Sex, BookedAt,
                  Custody, HoldAuthority, Citizenship, EligibleAt, OverDetentionSeconds, StateAsOf, DhsResult, AwaitingScreening, EventCount, Version,
                  Model, ScreenedAt, DhsMatchAt, InterviewedAt, DetainerLodgedAt, DetainerServedAt, WarrantServedAt, NotificationRequestedAt,
                  LiftedAt, LiftReason, HoldExpiredAt, ReleasedAt, TransferredAt, TransferHonouredHold, CitizenshipClaimedAt, CitizenshipResolvedAt,
                  CitizenshipFinding, OverDetentionFrom, FirstDutyDue, DutiesInTime, DutiesLate, DutiesNeverTold, DutyLateSeconds)
                VALUES ($id, $person, 'Synthetic', 'Person', 'SYNTHETIC PERSON', $country, $country, 'en', 'M', $booked,
                  $custody, 'none', 'none', $eligible, $overSeconds, $booked, $dhs, 0, 3, 1,
                  $model, $screened, $match, $interviewed, $lodged, $served, $warrant, $notify,
                  $lifted, $liftReason, $expired, $released, $transferred, $honoured, $claimed, $resolved,
                  $finding, $overFrom, $due, $inTime, $late, $never, $lateSeconds)
                """;
            string[] names = ["$id", "$person", "$country", "$booked", "$custody", "$eligible", "$overSeconds", "$dhs", "$model", "$screened", "$match",
                "$interviewed", "$lodged", "$served", "$warrant", "$notify", "$lifted", "$liftReason", "$expired", "$released", "$transferred", "$honoured",
                "$claimed", "$resolved", "$finding", "$overFrom", "$due", "$inTime", "$late", "$never", "$lateSeconds"];
            var p = names.ToDictionary(n => n, n => booking.Parameters.Add(new SqliteParameter(n, DBNull.Value)));
            await using var charge = connection.CreateCommand();
            charge.CommandText = "INSERT INTO charges (BookingId, Code, Description, Level, Status) VALUES ($b, $code, 'Synthetic charge', $level, $status)";
            var cb = charge.Parameters.Add(new SqliteParameter("$b", ""));
            var cc = charge.Parameters.Add(new SqliteParameter("$code", ""));
            var cl = charge.Parameters.Add(new SqliteParameter("$level", ""));
            var cs = charge.Parameters.Add(new SqliteParameter("$status", ""));
            booking.Transaction = transaction;
            charge.Transaction = transaction;
            booking.Prepare();
            charge.Prepare();
            for (var i = start; i < Math.Min(target, start + 100_000); i++)
            {
                foreach (var parameter in p.Values)
                {
                    parameter.Value = DBNull.Value;
                }

                // Liaison keeps instants to the microsecond (StoredInstants): so do these.
                void Set(string name, object? value) => p[name].Value = value switch { null => DBNull.Value, long t when name is not ("$overSeconds" or "$lateSeconds") => t - (t % 10), _ => value };
                var id = "S" + i.ToString("D9", CultureInfo.InvariantCulture);
                var booked = now - (long)(random.NextDouble() * Year);
                Set("$id", id);
                Set("$person", "SP" + random.NextInt64(people).ToString("D9", CultureInfo.InvariantCulture));
                Set("$country", countries[random.Next(countries.Length)]);
                Set("$booked", booked);
                Set("$model", booked < now - (150L * 24 * Hour) ? "WSO" : "JEM");
                Set("$honoured", 0);
                Set("$overSeconds", 0L);
                foreach (var n in new[] { "$inTime", "$late", "$never", "$lateSeconds" })
                {
                    Set(n, 0);
                }

                var end = booked + (long)(random.NextDouble() * random.NextDouble() * 60 * 24 * Hour);
                var screened = random.NextDouble() < 0.9 ? booked + random.NextInt64(20 * Hour) : (long?)null;
                Set("$screened", screened);
                var matched = screened is not null && random.NextDouble() < 0.25;
                Set("$dhs", screened is null ? null : matched ? "match" : "no-match");
                Set("$match", matched ? screened : null);
                var detainer = matched && random.NextDouble() < 0.35;
                var warrant = matched && !detainer && random.NextDouble() < 0.1;
                if (matched && random.NextDouble() < 0.5)
                {
                    Set("$interviewed", screened + Hour);
                }

                if (matched && random.NextDouble() < 0.05)
                {
                    Set("$notify", screened + 2 * Hour);
                }

                long? eligible = random.NextDouble() < 0.95 ? end : null;
                Set("$eligible", eligible);
                var custody = "released";
                if (detainer || warrant)
                {
                    var lodged = screened!.Value + (2 * Hour);
                    Set(detainer ? "$lodged" : "$warrant", lodged);
                    if (detainer)
                    {
                        Set("$served", lodged + Hour);
                    }

                    var roll = random.NextDouble();
                    if (roll < 0.7 && eligible is not null)
                    {
                        var transferred = eligible.Value + random.NextInt64(40 * Hour);
                        Set("$transferred", transferred);
                        Set("$honoured", 1);
                        custody = "transferred-to-ice";
                        Set("$due", eligible);
                        var told = random.NextDouble();
                        Set(told < 0.9 ? "$inTime" : told < 0.97 ? "$late" : "$never", 1);
                        if (told >= 0.9)
                        {
                            Set("$lateSeconds", random.Next(3600, 20 * 3600));
                        }
                    }
                    else if (roll < 0.85)
                    {
                        Set("$lifted", lodged + random.NextInt64(48 * Hour));
                        Set("$liftReason", lifts[random.Next(lifts.Length)]);
                        Set("$released", end + Hour);
                    }
                    else if (eligible is not null)
                    {
                        Set("$expired", eligible + (48 * Hour));
                        Set("$released", eligible + (48 * Hour) + random.NextInt64(2 * Hour));
                        if (random.NextDouble() < 0.1)
                        {
                            Set("$overFrom", eligible + (48 * Hour));
                            Set("$overSeconds", random.NextInt64(60, 36_000));
                        }
                    }
                }
                else
                {
                    Set("$released", end);
                }

                if (matched && random.NextDouble() < 0.02)
                {
                    Set("$claimed", screened + (3 * Hour));
                    if (random.NextDouble() < 0.8)
                    {
                        Set("$resolved", screened + (3 * Hour) + random.NextInt64(30 * 24 * Hour));
                        Set("$finding", random.NextDouble() < 0.3 ? "us-citizen" : "not-us-citizen");
                    }
                }

                Set("$custody", custody);
                await booking.ExecuteNonQueryAsync();
                var charges = random.Next(1, 6); // 1-5: three on average
                for (var c = 0; c < charges; c++)
                {
                    var (code, level) = codes[random.Next(codes.Count)];
                    cb.Value = id;
                    cc.Value = code;
                    cl.Value = level;
                    cs.Value = statuses[random.Next(statuses.Length)];
                    await charge.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
            Console.WriteLine($"  {Math.Min(target, start + 100_000):N0} bookings ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        foreach (var sql in indexes)
        {
            await Execute(connection, sql);
        }

        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;");
        Console.WriteLine($"{target:N0} bookings, {await Scalar(connection, "SELECT count(*) FROM charges"):N0} charges in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    public static async Task<int> MeasureAsync(string dataDir, int rounds)
    {
        await using var app = App(dataDir);
        var bookings = await WithScope(app, db => db.Bookings.LongCountAsync());
        var charges = await WithScope(app, db => db.Charges.LongCountAsync());
        Console.WriteLine($"{bookings:N0} bookings, {charges:N0} charges; {rounds} rounds each, alternating");

        // DuckDB gets a copy of exactly the rows Liaison reads (copying is not timed).
        var duckPath = Path.Combine(dataDir, "statistics-baseline.duckdb");
        if (File.Exists(duckPath))
        {
            File.Delete(duckPath);
        }

        var copy = Stopwatch.StartNew();
        await using var duck = new DuckDBConnection($"Data Source={duckPath}");
        await duck.OpenAsync();
        await CopyAsync(Path.Combine(dataDir, "liaison.db"), duck);
        Console.WriteLine($"copied into DuckDB in {copy.Elapsed.TotalSeconds:F0} s");

        var liaisonTimes = new List<double>();
        var duckTimes = new List<double>();
        StatisticsFigures? figures = null;
        Dictionary<(string, string, string, string), double>? duckFigures = null;
        long peak = 0;
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var liaison in order)
            {
                GC.Collect();
                var clock = Stopwatch.StartNew();
                if (liaison)
                {
                    await using (var scope = app.Services.CreateAsyncScope())
                    {
                        figures = await scope.ServiceProvider.GetRequiredService<StatisticsService>().ComputeAsync();
                    }

                    var cells = 0L;
                    foreach (var month in figures.Months)
                    {
                        cells += figures.All(StatPeriod.OfMonth(month)).LongCount();
                    }

                    liaisonTimes.Add(clock.Elapsed.TotalSeconds);
                    peak = Math.Max(peak, Environment.WorkingSet);
                    Console.WriteLine($"  Liaison  {clock.Elapsed.TotalSeconds,7:F2} s  ({cells:N0} monthly figures, working set {Environment.WorkingSet / 1_048_576:N0} MB)");
                }
                else
                {
                    duckFigures = await DuckFiguresAsync(duck);
                    duckTimes.Add(clock.Elapsed.TotalSeconds);
                    Console.WriteLine($"  DuckDB   {clock.Elapsed.TotalSeconds,7:F2} s  ({duckFigures.Count:N0} monthly figures)");
                }
            }
        }

        // Where Liaison's time goes: reading the rows alone, and aggregating rows already in memory.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<StatisticsService>();
            var clock = Stopwatch.StartNew();
            var rows = new List<StatisticsBooking>();
            await foreach (var b in service.BookingsAsync())
            {
                rows.Add(b);
            }

            var read = clock.Elapsed.TotalSeconds;
            clock.Restart();
            StatisticsFigures.Compute(rows, figures!.Zone);
            Console.WriteLine($"  of which: reading the rows {read:F2} s; aggregating them in memory {clock.Elapsed.TotalSeconds:F2} s");
        }

        var differences = Compare(figures!, duckFigures!);
        var ratio = Median(liaisonTimes) / Median(duckTimes);
        Console.WriteLine($"median: Liaison {Median(liaisonTimes):F2} s, DuckDB {Median(duckTimes):F2} s; ratio Liaison / DuckDB {ratio:F2} (target <= 2)");
        Console.WriteLine($"figures compared: {differences.Compared:N0}; different: {differences.Different.Count}{(differences.Different.Count == 0 ? "" : " e.g. " + string.Join("; ", differences.Different.Take(5)))}");
        Console.WriteLine($"peak working set {peak / 1_048_576:N0} MB");
        await EventCostAsync(app);
        return differences.Different.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// What one custody event costs through the write path (book, DHS response, release eligibility, release on new
    /// bookings: four events each), and what the dashboard's figures cost to bring up to date after it.
    /// </summary>
    private static async Task EventCostAsync(WebApplication app)
    {
        const int Bookings = 250;
        await using var scope = app.Services.CreateAsyncScope();
        var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
        var statistics = scope.ServiceProvider.GetRequiredService<StatisticsService>();
        await statistics.FiguresAsync(); // the cache as a busy dashboard keeps it
        var write = TimeSpan.Zero;
        var follow = TimeSpan.Zero;
        var events = 0;
        var now = scope.ServiceProvider.GetRequiredService<IClock>().GetCurrentInstant();
        for (var i = 0; i < Bookings; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = $"E{now.ToUnixTimeTicks()}-{i}";
            var person = new NewBooking(id, "EP" + id, "Event", "Cost", null, null, "US", "US", "en", [new Domain.Bookings.Charge("5404", "DUI", "misdemeanor", "pending")]);
            Check(id, await custody.BookAsync(person, new ActingAs("jms", null)));
            Check(id, await custody.RecordNowAsync(id, at => new BiometricResponse(at, "dhs", id, Domain.Bookings.BiometricResult.NoMatch, null), new ActingAs("dhs", null)));
            Check(id, await custody.RecordNowAsync(id, at => new ReleaseEligible(at, "jms", id, "bond-posted"), new ActingAs("jms", null)));
            Check(id, await custody.RecordNowAsync(id, at => new Release(at, "jms", id), new ActingAs("jms", null)));
            events += 4;
            write += clock.Elapsed;
            clock.Restart();
            await statistics.FiguresAsync(); // a dashboard open all day: the figures follow every booking's events
            follow += clock.Elapsed;
        }

        Console.WriteLine($"one event: {write.TotalMilliseconds / events:F2} ms through the write path, {follow.TotalMilliseconds / events:F2} ms for the figures to follow it (means of {events:N0} events)");
    }

    private static void Check(string id, StepResult result)
    {
        if (result.Kind != StepResultKind.Applied)
        {
            throw new InvalidOperationException($"{id}: {result.Kind}");
        }
    }

    private static (long Compared, List<string> Different) Compare(StatisticsFigures liaison, Dictionary<(string, string, string, string), double> duck)
    {
        var different = new List<string>();
        long compared = 0;
        foreach (var month in liaison.Months)
        {
            foreach (var (key, kind, figure) in liaison.All(StatPeriod.OfMonth(month)))
            {
                compared++;
                var theirs = duck.TryGetValue((key.Measure, key.Period, key.Model, key.Category), out var v) ? v : (kind == MeasureKind.Other ? double.NaN : 0);
                var ours = figure.Value ?? double.NaN;
                var same = double.IsNaN(ours) ? double.IsNaN(theirs) : Math.Abs(ours - Math.Round(theirs, 1)) < 0.051;
                if (!same)
                {
                    different.Add($"{key.Measure} {key.Period} {key.Model} {key.Category}: Liaison {ours}, DuckDB {theirs}");
                }
            }
        }

        return (compared, different);
    }

    /// <summary>Every measure by local month, model (JEM, WSO, all) and category: the same definitions as Measures.cs, in SQL.</summary>
    private static async Task<Dictionary<(string, string, string, string), double>> DuckFiguresAsync(DuckDBConnection duck)
    {
        const string Sql = $$"""
            WITH ch AS (
              SELECT c.BookingId AS charged_booking, count(*) AS n, bool_or(c.Status = 'convicted') AS convicted,
                     min(CASE c.Level WHEN 'felony' THEN 0 WHEN 'misdemeanor' THEN 1 WHEN 'infraction' THEN 2 ELSE 3 END) AS lvl,
                     arg_min(k.category, struct_pack(l := CASE c.Level WHEN 'felony' THEN 0 WHEN 'misdemeanor' THEN 1 WHEN 'infraction' THEN 2 ELSE 3 END, r := k.rank, c := c.Code)) AS msc,
                     list(k.category) AS cats
              FROM charges c JOIN codes k ON k.code = c.Code GROUP BY 1),
            all_b AS (
              SELECT bk.*, coalesce(ch.n, 0) AS n, coalesce(ch.convicted, false) AS convicted, ch.lvl, ch.msc, ch.cats,
                     last_value(CASE WHEN coalesce(TransferredAt, ReleasedAt) IS NOT NULL THEN struct_pack(e := coalesce(TransferredAt, ReleasedAt), t := TransferredAt IS NOT NULL) END IGNORE NULLS)
                       OVER (PARTITION BY bk.PersonId ORDER BY bk.BookedAt, bk.Id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev
              FROM bookings bk LEFT JOIN ch ON ch.charged_booking = bk.Id),
            b AS (SELECT * FROM all_b WHERE Model IN ('JEM', 'WSO')),
            contributions AS (
              SELECT 'bookings' AS ms, BookedAt AS t, 'all' AS cat, NULL::DOUBLE AS v, Model FROM b
              UNION ALL SELECT 'bookings-screened', ScreenedAt, 'all', NULL, Model FROM b WHERE ScreenedAt IS NOT NULL
              UNION ALL SELECT 'dhs-matches', DhsMatchAt, 'all', NULL, Model FROM b WHERE DhsMatchAt IS NOT NULL
              UNION ALL SELECT 'interviews', InterviewedAt, 'all', NULL, Model FROM b WHERE InterviewedAt IS NOT NULL
              UNION ALL SELECT 'detainers-lodged', DetainerLodgedAt, 'all', NULL, Model FROM b WHERE DetainerLodgedAt IS NOT NULL
              UNION ALL SELECT 'detainers-served', DetainerServedAt, 'all', NULL, Model FROM b WHERE DetainerServedAt IS NOT NULL
              UNION ALL SELECT 'warrants-served', WarrantServedAt, 'all', NULL, Model FROM b WHERE WarrantServedAt IS NOT NULL
              UNION ALL SELECT 'detainers-honoured', TransferredAt, 'all', NULL, Model FROM b WHERE TransferHonouredHold AND TransferredAt IS NOT NULL
              UNION ALL SELECT 'detainers-lifted', LiftedAt, coalesce(LiftReason, 'other'), NULL, Model FROM b WHERE LiftedAt IS NOT NULL
              UNION ALL SELECT 'detainers-lifted', LiftedAt, 'all', NULL, Model FROM b WHERE LiftedAt IS NOT NULL
              UNION ALL SELECT 'detainers-expired', HoldExpiredAt, 'all', NULL, Model FROM b WHERE HoldExpiredAt IS NOT NULL
              UNION ALL SELECT 'transfers-to-ice', TransferredAt, CASE WHEN convicted THEN 'convicted' WHEN n > 0 THEN 'pending-charges' ELSE 'no-criminal-history' END, NULL, Model FROM b WHERE TransferredAt IS NOT NULL
              UNION ALL SELECT 'transfers-to-ice', TransferredAt, 'all', NULL, Model FROM b WHERE TransferredAt IS NOT NULL
              UNION ALL SELECT 'transfers-by-most-serious-charge', TransferredAt, coalesce(msc, 'none'), NULL, Model FROM b WHERE TransferredAt IS NOT NULL
              UNION ALL SELECT 'transfers-by-most-serious-charge', TransferredAt, 'all', NULL, Model FROM b WHERE TransferredAt IS NOT NULL
              UNION ALL SELECT 'transferred-charges', TransferredAt, unnest(cats), NULL, Model FROM b WHERE TransferredAt IS NOT NULL AND cats IS NOT NULL
              UNION ALL SELECT 'transferred-charges', TransferredAt, 'all', NULL, Model FROM b, range(n) WHERE TransferredAt IS NOT NULL
              UNION ALL SELECT 'transfers-with-charge-category', TransferredAt, unnest(list_distinct(cats)), NULL, Model FROM b WHERE TransferredAt IS NOT NULL AND cats IS NOT NULL
              UNION ALL SELECT 'transfers-with-charge-category', TransferredAt, 'all', NULL, Model FROM b WHERE TransferredAt IS NOT NULL
              UNION ALL SELECT 'citizenship-claims', CitizenshipClaimedAt, 'all', NULL, Model FROM b WHERE CitizenshipClaimedAt IS NOT NULL
              UNION ALL SELECT 'citizenship-claims-resolved', CitizenshipResolvedAt, CitizenshipFinding, NULL, Model FROM b WHERE CitizenshipFinding IS NOT NULL AND CitizenshipResolvedAt IS NOT NULL
              UNION ALL SELECT 'citizenship-claims-resolved', CitizenshipResolvedAt, 'all', NULL, Model FROM b WHERE CitizenshipFinding IS NOT NULL AND CitizenshipResolvedAt IS NOT NULL
              UNION ALL SELECT 'citizenship-days-to-resolution', CitizenshipResolvedAt, 'all', (CitizenshipResolvedAt - CitizenshipClaimedAt) / 864000000000.0, Model FROM b WHERE CitizenshipClaimedAt IS NOT NULL AND CitizenshipResolvedAt IS NOT NULL
              UNION ALL SELECT 'over-detention-incidents', OverDetentionFrom, 'all', NULL, Model FROM b WHERE OverDetentionFrom IS NOT NULL
              UNION ALL SELECT 'over-detention-minutes', OverDetentionFrom, 'all', OverDetentionSeconds // 60, Model FROM b WHERE OverDetentionFrom IS NOT NULL
              UNION ALL SELECT 'hours-eligible-to-handover-median', TransferredAt, 'all', (TransferredAt - EligibleAt) / 36000000000.0, Model FROM b WHERE EligibleAt IS NOT NULL AND TransferredAt >= EligibleAt
              UNION ALL SELECT 'hours-eligible-to-handover-p90', TransferredAt, 'all', (TransferredAt - EligibleAt) / 36000000000.0, Model FROM b WHERE EligibleAt IS NOT NULL AND TransferredAt >= EligibleAt
              UNION ALL SELECT 'rebooked-within-a-year', BookedAt, CASE WHEN prev.t THEN 'after-transfer' ELSE 'after-release' END, NULL, Model FROM b WHERE prev IS NOT NULL AND prev.e <= BookedAt AND BookedAt - prev.e <= 315360000000000
              UNION ALL SELECT 'rebooked-within-a-year', BookedAt, 'all', NULL, Model FROM b WHERE prev IS NOT NULL AND prev.e <= BookedAt AND BookedAt - prev.e <= 315360000000000
              UNION ALL SELECT 'days-in-jail-median', coalesce(TransferredAt, ReleasedAt),
                  ['felony', 'misdemeanor', 'infraction'][least(lvl, 2) + 1] || CASE WHEN DetainerLodgedAt IS NOT NULL OR WarrantServedAt IS NOT NULL THEN '-with-detainer' ELSE '-without-detainer' END,
                  (coalesce(TransferredAt, ReleasedAt) - BookedAt) / 864000000000.0, Model FROM b WHERE coalesce(TransferredAt, ReleasedAt) IS NOT NULL AND lvl IS NOT NULL
              UNION ALL SELECT 'days-in-jail-median', coalesce(TransferredAt, ReleasedAt), 'all', (coalesce(TransferredAt, ReleasedAt) - BookedAt) / 864000000000.0, Model FROM b WHERE coalesce(TransferredAt, ReleasedAt) IS NOT NULL AND lvl IS NOT NULL
              UNION ALL SELECT 'notification-requests', NotificationRequestedAt, 'all', NULL, Model FROM b WHERE NotificationRequestedAt IS NOT NULL
              UNION ALL SELECT 'duties-to-tell-ice', FirstDutyDue, 'in-time', NULL, Model FROM b, range(DutiesInTime) WHERE FirstDutyDue IS NOT NULL
              UNION ALL SELECT 'duties-to-tell-ice', FirstDutyDue, 'late', NULL, Model FROM b, range(DutiesLate) WHERE FirstDutyDue IS NOT NULL
              UNION ALL SELECT 'duties-to-tell-ice', FirstDutyDue, 'never-told', NULL, Model FROM b, range(DutiesNeverTold) WHERE FirstDutyDue IS NOT NULL
              UNION ALL SELECT 'duties-to-tell-ice', FirstDutyDue, 'all', NULL, Model FROM b, range(DutiesInTime + DutiesLate + DutiesNeverTold) WHERE FirstDutyDue IS NOT NULL
              UNION ALL SELECT 'duty-hours-late', FirstDutyDue, 'all', DutyLateSeconds / 3600.0 / (DutiesLate + DutiesNeverTold), Model FROM b, range(DutiesLate + DutiesNeverTold) WHERE FirstDutyDue IS NOT NULL AND DutiesLate + DutiesNeverTold > 0
            ),
            monthly AS (SELECT ms, strftime(timezone('{{Zone}}', to_timestamp(t // 10000000)), '%Y-%m') AS month, Model, cat, v FROM contributions)
            SELECT ms, month, coalesce(Model, 'all') AS model, cat,
                   CASE ms WHEN 'over-detention-minutes' THEN sum(v)
                           WHEN 'duty-hours-late' THEN avg(v)
                           WHEN 'hours-eligible-to-handover-p90' THEN list_sort(list(v))[greatest(1, ceil(0.9 * count(*)))::BIGINT]
                           WHEN 'citizenship-days-to-resolution' THEN list_sort(list(v))[greatest(1, ceil(0.5 * count(*)))::BIGINT]
                           WHEN 'hours-eligible-to-handover-median' THEN list_sort(list(v))[greatest(1, ceil(0.5 * count(*)))::BIGINT]
                           WHEN 'days-in-jail-median' THEN list_sort(list(v))[greatest(1, ceil(0.5 * count(*)))::BIGINT]
                           ELSE count(*) END AS value
            FROM monthly GROUP BY GROUPING SETS ((ms, month, Model, cat), (ms, month, cat))
            """;
        var result = new Dictionary<(string, string, string, string), double>();
        await using var command = duck.CreateCommand();
        command.CommandText = Sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))] = Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture);
        }

        // The funnel by birth country and charge level, as the dashboard shows it.
        await using var funnel = duck.CreateCommand();
        funnel.CommandText = $"""
            SELECT strftime(timezone('{Zone}', to_timestamp(b.BookedAt // 10000000)), '%Y-%m') AS month, b.Model, coalesce(b.BirthCountry, 'unknown'),
                   count(*), count(ScreenedAt), count(DhsMatchAt), count(coalesce(DetainerLodgedAt, WarrantServedAt)), count(TransferredAt)
            FROM bookings b WHERE b.Model IN ('JEM', 'WSO') GROUP BY ALL
            UNION ALL
            SELECT strftime(timezone('{Zone}', to_timestamp(b.BookedAt // 10000000)), '%Y-%m'), b.Model,
                   coalesce(['felony', 'misdemeanor', 'infraction'][least(l.lvl, 2) + 1], 'none'),
                   count(*), count(ScreenedAt), count(DhsMatchAt), count(coalesce(DetainerLodgedAt, WarrantServedAt)), count(TransferredAt)
            FROM bookings b LEFT JOIN (SELECT BookingId, min(CASE Level WHEN 'felony' THEN 0 WHEN 'misdemeanor' THEN 1 WHEN 'infraction' THEN 2 ELSE 3 END) AS lvl FROM charges GROUP BY 1) l
              ON l.BookingId = b.Id WHERE b.Model IN ('JEM', 'WSO') GROUP BY ALL
            """;
        await using var rows = await funnel.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
        }

        return result;
    }

    /// <summary>The bookings and charges columns the statistics read, and the offence table with each code's category, copied into DuckDB.</summary>
    private static async Task CopyAsync(string sqlitePath, DuckDBConnection duck)
    {
        await ExecuteDuck(duck, """
            CREATE TABLE bookings (Id VARCHAR, PersonId VARCHAR, BookedAt BIGINT, BirthCountry VARCHAR, EligibleAt BIGINT, OverDetentionSeconds BIGINT, Model VARCHAR,
              ScreenedAt BIGINT, DhsMatchAt BIGINT, InterviewedAt BIGINT, DetainerLodgedAt BIGINT, DetainerServedAt BIGINT, WarrantServedAt BIGINT,
              NotificationRequestedAt BIGINT, LiftedAt BIGINT, LiftReason VARCHAR, HoldExpiredAt BIGINT, ReleasedAt BIGINT, TransferredAt BIGINT,
              TransferHonouredHold BOOLEAN, CitizenshipClaimedAt BIGINT, CitizenshipResolvedAt BIGINT, CitizenshipFinding VARCHAR, OverDetentionFrom BIGINT,
              FirstDutyDue BIGINT, DutiesInTime INTEGER, DutiesLate INTEGER, DutiesNeverTold INTEGER, DutyLateSeconds BIGINT);
            CREATE TABLE charges (BookingId VARCHAR, Code VARCHAR, Level VARCHAR, Status VARCHAR);
            CREATE TABLE codes (code VARCHAR, category VARCHAR, rank INTEGER);
            """);
        await using var sqlite = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();
        const string Columns = "Id, PersonId, BookedAt, BirthCountry, EligibleAt, OverDetentionSeconds, Model, ScreenedAt, DhsMatchAt, InterviewedAt, DetainerLodgedAt, " +
            "DetainerServedAt, WarrantServedAt, NotificationRequestedAt, LiftedAt, LiftReason, HoldExpiredAt, ReleasedAt, TransferredAt, TransferHonouredHold, " +
            "CitizenshipClaimedAt, CitizenshipResolvedAt, CitizenshipFinding, OverDetentionFrom, FirstDutyDue, DutiesInTime, DutiesLate, DutiesNeverTold, DutyLateSeconds";
        await using (var read = sqlite.CreateCommand())
        {
            read.CommandText = $"SELECT {Columns} FROM bookings";
            await using var reader = await read.ExecuteReaderAsync();
            using var appender = duck.CreateAppender("bookings");
            while (await reader.ReadAsync())
            {
                var row = appender.CreateRow();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var name = reader.GetName(i);
                    if (reader.IsDBNull(i))
                    {
                        row.AppendNullValue();
                    }
                    else if (name is "TransferHonouredHold")
                    {
                        row.AppendValue(reader.GetInt64(i) != 0);
                    }
                    else if (reader.GetFieldType(i) == typeof(long))
                    {
                        if (name is "DutiesInTime" or "DutiesLate" or "DutiesNeverTold")
                        {
                            row.AppendValue((int)reader.GetInt64(i));
                        }
                        else
                        {
                            row.AppendValue(reader.GetInt64(i));
                        }
                    }
                    else
                    {
                        row.AppendValue(reader.GetString(i));
                    }
                }

                row.EndRow();
            }
        }

        await using (var read = sqlite.CreateCommand())
        {
            read.CommandText = "SELECT BookingId, Code, Level, Status FROM charges";
            await using var reader = await read.ExecuteReaderAsync();
            using var appender = duck.CreateAppender("charges");
            while (await reader.ReadAsync())
            {
                appender.CreateRow().AppendValue(reader.GetString(0)).AppendValue(reader.GetString(1)).AppendValue(reader.GetString(2)).AppendValue(reader.GetString(3)).EndRow();
            }
        }

        // The offence table as Liaison reads it (the longest prefix wins), for every code on record.
        var offences = OffenceCategories.Standard;
        await using (var read = sqlite.CreateCommand())
        {
            read.CommandText = "SELECT DISTINCT Code FROM charges";
            await using var reader = await read.ExecuteReaderAsync();
            using var appender = duck.CreateAppender("codes");
            while (await reader.ReadAsync())
            {
                var code = reader.GetString(0);
                appender.CreateRow().AppendValue(code).AppendValue(offences.CategoryOf(code)).AppendValue(offences.RankOf(code)).EndRow();
            }
        }

        await ExecuteDuck(duck, "CHECKPOINT");
    }

    private static WebApplication App(string dataDir) => LiaisonWebApp.Build(
        ["--urls=http://127.0.0.1:0", $"--Liaison:DataDirectory={dataDir}", "--DeadlineMonitor:Enabled=false", "--ProjectionCheck:Enabled=false"],
        builder => builder.Logging.SetMinimumLevel(LogLevel.Warning));

    private static async Task<T> WithScope<T>(WebApplication app, Func<LiaisonDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    private static double Median(List<double> values) => values.Order().ElementAt((values.Count - 1) / 2);

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteDuck(DuckDBConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
