using Liaison.Data.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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

        var update = await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE custody_events SET Accepted = 0")));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM custody_events")));

        Assert.Contains("custody events are immutable", update.Message, StringComparison.Ordinal);
        Assert.Contains("custody events are immutable", delete.Message, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.Accepted)));
    }
}
