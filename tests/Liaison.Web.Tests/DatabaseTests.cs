using System.Data.Common;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>The schema: migrations match the model, and the custody record cannot be rewritten.</summary>
public sealed class DatabaseTests
{
    [Fact]
    public async Task Migrations_CoverTheWholeModel()
    {
        await using var app = await TestApp.StartAsync();

        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())),
            "The EF model has changes no migration covers: run dotnet ef migrations add.");
    }

    [Fact]
    public async Task CustodyEvents_CannotBeChangedOrDeleted()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "claim");

        var update = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE custody_events SET \"Accepted\" = FALSE")));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM custody_events")));

        Assert.Contains("custody events are immutable", update.Message, StringComparison.Ordinal);
        Assert.Contains("custody events are immutable", delete.Message, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.Accepted)));
    }

    [Fact]
    public async Task UpgradingADatabase_KeepsItsEvents_AndProjectsTheDutiesTheirHistoryImplies()
    {
        Assert.SkipWhen(TestDatabase.OnPostgres, "SQLite's own upgrade path: PostgreSQL's schema began after these migrations");
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        // Back to the schema before the 2025 template, and a lodge stored as it was then: without a form.
        await app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync("20261129035420_QueueIndexes");
            var at = LiaisonWebFactory.Start.ToUnixTimeTicks();
            const string step = """{"at":"2026-03-02T14:00:00Z","action":"lodge-detainer","actor":"dso-1","booking":"B1","bases":["final-order"],"warrant":{"form":"I-200","number":"W-1","signedBy":"sup-1"}}""";
            return await db.Database.ExecuteSqlAsync($"INSERT INTO custody_events (BookingId, Sequence, At, Action, Actor, UserName, StepJson, Accepted) VALUES ('B1', 2, {at}, 'lodge-detainer', 'dso-1', 'moreno', {step}, 1)");
        });
        var eventsBefore = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT StepJson AS Value FROM custody_events ORDER BY Id").ToListAsync());

        var applied = await app.WithDbAsync(db => Data.DataServices.MigrateAsync(db));

        Assert.Contains("20261130073611_AgreementTemplate2025", applied);
        var row = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == "B1"));
        Assert.Equal("detainer-lodged", row.HoldAuthority);
        Assert.Equal(LiaisonWebFactory.Start + Duration.FromHours(24), row.NextDutyDue);
        Assert.Equal("detainer", row.NextDutyAbout);
        Assert.Equal(eventsBefore, await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.StepJson).ToListAsync()));
    }
}
