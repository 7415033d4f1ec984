using Liaison.Data.Alerts;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>One truth for deadlines: every booking's row is checked against a replay of its events, by command and on a schedule.</summary>
public sealed class ProjectionCheckTests
{
    private static async Task<LiaisonWebFactory> HeldAsync()
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await app.SignWarrantAsync("B1", "I-200", "W-1");
        await ice.ActAsync("B1", "serveWarrant", new() { ["Form.WarrantForm"] = "I-200", ["Form.WarrantNumber"] = "W-1" });
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        return app;
    }

    [Fact]
    public async Task ARowChangedAroundTheEngine_IsFound_AndAlertedOnce()
    {
        await using var app = await HeldAsync();
        Assert.Empty((await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);

        // Someone takes a running hold off the board with SQL.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE bookings SET \"Custody\" = 'released', \"HoldDeadline\" = NULL WHERE \"Id\" = 'B1'"));
        var (count, mismatches) = await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync());

        Assert.Equal(2, count);
        var mismatch = Assert.Single(mismatches);
        Assert.Equal("B1", mismatch.BookingId);
        Assert.Equal(["custody: row released, events held-for-ice", "holdDeadline: row none, events 2026-03-04T14:00:00Z"], mismatch.Differences);

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await ProjectionCheckService.RunOnceAsync(scope.ServiceProvider));
        Assert.Equal(0, await ProjectionCheckService.RunOnceAsync(scope.ServiceProvider)); // once, not every hour
        Assert.Equal(1, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.BookingId == "B1" && a.Kind == AlertKinds.ProjectionMismatch)));
    }

    [Fact]
    public async Task AForgedOutOfOrderEvent_IsFound_AndTheCaseSaysSoInsteadOfFailing()
    {
        await using var app = await HeldAsync();
        const string Forged = """{"at":"2020-01-01T00:00:00Z","action":"release","actor":"jms","booking":"B2"}""";
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO custody_events (\"BookingId\", \"Sequence\", \"At\", \"Action\", \"Actor\", \"StepJson\", \"Accepted\", \"ChainIndex\", \"PreviousHash\", \"Hash\") VALUES ('B2', 2, {TestDatabase.Stored(db, Instant.FromUnixTimeTicks(0))}, 'release', 'jms', {Forged}, TRUE, 0, '', '')"));

        var mismatch = Assert.Single((await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);

        Assert.Equal("B2", mismatch.BookingId);
        Assert.StartsWith("events: they do not replay (Stored events are out of order", mismatch.Differences[0], StringComparison.Ordinal);

        // The case says what is wrong instead of failing, and takes no act until someone has looked.
        using var jail = await app.SignInAsync(Roles.JailStaff);
        var read = await jail.GetAsync("/cases/B2");
        var token = await jail.GetAsync("/cases/B1"); // a form token from a readable case
        var act = await jail.PostFormAsync("/cases/B2?handler=release", [], "/cases/B1");

        Assert.Equal(System.Net.HttpStatusCode.Conflict, read.StatusCode);
        Assert.StartsWith("The stored record of booking B2 does not replay: Stored events are out of order", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, act.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B2")));
    }

    [Fact]
    public async Task ABookingWhoseEventsNoLongerReplay_DoesNotStopTheDeadlineMonitorForOthers()
    {
        await using var app = await HeldAsync(); // B1 held until Wednesday 09:00
        await app.BookAsync("B0");
        using (var ice = await app.SignInAsync(Roles.IceOfficer))
        using (var jail = await app.SignInAsync(Roles.JailStaff))
        {
            await app.SignWarrantAsync("B0", "I-200", "W-0");
            await ice.ActAsync("B0", "serveWarrant", new() { ["Form.WarrantForm"] = "I-200", ["Form.WarrantNumber"] = "W-0" });
            await jail.ActAsync("B0", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        }

        // B0's record is forged; both holds end at the same deadline.
        const string Forged = """{"at":"2020-01-01T00:00:00Z","action":"release","actor":"jms","booking":"B0"}""";
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO custody_events (\"BookingId\", \"Sequence\", \"At\", \"Action\", \"Actor\", \"StepJson\", \"Accepted\", \"ChainIndex\", \"PreviousHash\", \"Hash\") VALUES ('B0', 4, {TestDatabase.Stored(db, Instant.FromUnixTimeTicks(0))}, 'release', 'jms', {Forged}, TRUE, 0, '', '')"));
        app.Clock.Advance(Duration.FromHours(48) + Duration.FromMinutes(1));

        await app.RunDeadlineMonitorAsync();

        Assert.Equal("release-required", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.Custody).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.BookingId == "B1" && a.Kind == "hold-expired")));
    }

    [Fact]
    public async Task VerifyProjections_ExitsZeroWhenAllAgree_AndOneNamingEachBookingThatDiffers()
    {
        await using var app = await HeldAsync();

        var clean = await LiaisonProgram.RunAsync(["verify", "projections", .. app.DatabaseArgs]);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE bookings SET \"Custody\" = 'released', \"HoldDeadline\" = NULL WHERE \"Id\" = 'B1'"));
        var tampered = await LiaisonProgram.RunAsync(["verify", "projections", .. app.DatabaseArgs]);
        var missing = await LiaisonProgram.RunAsync("verify", "projections", "--data-dir", Path.Combine(app.Database.DataDirectory, "nowhere"));

        Assert.Equal((0, "2 bookings checked: every row equals a replay of its events.\n"), (clean.ExitCode, clean.Stdout));
        Assert.Equal(1, tampered.ExitCode);
        Assert.Equal(
            "B1: custody: row released, events held-for-ice; holdDeadline: row none, events 2026-03-04T14:00:00Z\n2 bookings checked: 1 differ from their events.\n",
            tampered.Stdout);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--data-dir: no Liaison database in", missing.Stderr, StringComparison.Ordinal);
    }
}
