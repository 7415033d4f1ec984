using System.Net;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// Warrants are signed in Liaison by an ICE supervisor's own account (second factor within 15 minutes); officers
/// lodge or serve only a signed warrant, chosen from a list, never a supervisor's id they type.
/// </summary>
public sealed class WarrantSigningTests
{
    [Fact]
    public async Task ASupervisorSigns_AndTheOfficerLodgesThatWarrant_WhoseSignerIsTheSupervisor()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var signed = await supervisor.ActAsync("B1", "signWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-42" });
        Assert.Contains("Signed: I-205 W-42.", signed, StringComparison.Ordinal);
        var form = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));
        Assert.Contains("I-205 W-42, signed by SDDO Park", form, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Form.SignedBy\"", form, StringComparison.Ordinal);

        var id = await app.WithDbAsync(db => db.SignedWarrants.Select(w => w.Id).SingleAsync());
        var lodged = await officer.ActAsync("B1", "lodge", new() { ["Form.Bases"] = "final-order", ["Form.SignedWarrant"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Recorded: Detainer lodged.", lodged, StringComparison.Ordinal);
        var lodge = Liaison.Domain.Codes.Of(Liaison.Domain.Custody.CustodyAction.LodgeDetainer);
        var step = await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.Action == lodge).Select(e => e.StepJson).SingleAsync());
        Assert.Contains("\"signedBy\":\"sup-1\"", step, StringComparison.Ordinal);
        Assert.Equal("park", await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "warrant.signed").Select(e => e.Actor).SingleAsync()));
    }

    [Fact]
    public async Task ATypedWarrantNoSupervisorSigned_IsRefused_WhateverSignerIsPosted()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2");
        await app.SignWarrantAsync("B2", "I-205", "W-7"); // signed, but for another booking
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var typed = await officer.PostFormAsync("/cases/B1?handler=lodge", new() { ["Form.Bases"] = "final-order", ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-7", ["Form.SignedBy"] = "sup-1" }, "/cases/B1");
        var otherBooking = await officer.PostFormAsync("/cases/B1?handler=lodge", new() { ["Form.Bases"] = "final-order", ["Form.SignedWarrant"] = (await app.WithDbAsync(db => db.SignedWarrants.Select(w => w.Id).SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);
        Assert.Contains("Warrant: I-205 W-7 has not been signed in Liaison for this booking", WebUtility.HtmlDecode(await typed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, otherBooking.StatusCode);
        Assert.Contains("Signed warrant: choose one of the warrants signed in Liaison for this booking.", WebUtility.HtmlDecode(await otherBooking.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task SigningWithAStaleSecondFactor_AsksForACodeFirst()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);
        app.Clock.Advance(Duration.FromMinutes(16));
        var fields = new Dictionary<string, string> { ["Form.WarrantForm"] = "I-200", ["Form.WarrantNumber"] = "W-16" };

        var stale = await supervisor.PostFormAsync("/cases/B1?handler=signWarrant", fields, "/cases/B1");
        Assert.Equal("/account/confirm?ReturnUrl=%2Fcases%2FB1", stale.Headers.Location?.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.SignedWarrants.AnyAsync()));

        var wrong = await supervisor.PostFormAsync("/account/confirm", new() { ["Code"] = (await app.CodeAsync("park")) == "000000" ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var confirmed = await supervisor.PostFormAsync("/account/confirm?ReturnUrl=%2Fcases%2FB1", new() { ["Code"] = await app.CodeAsync("park") }, "/account/confirm");
        Assert.Equal("/cases/B1", confirmed.Headers.Location?.OriginalString);

        var signed = await supervisor.PostFormAsync("/cases/B1?handler=signWarrant", fields, "/cases/B1");
        Assert.Equal("/cases/B1", signed.Headers.Location?.OriginalString);
        Assert.True(await app.WithDbAsync(db => db.SignedWarrants.AnyAsync(w => w.Number == "W-16" && w.SignedBy == "sup-1")));
    }

    [Fact]
    public async Task ChangingThePassword_DoesNotCountAsAFreshSecondFactor()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);
        app.Clock.Advance(Duration.FromMinutes(16));

        var changed = await supervisor.PostFormAsync("/account/password", new() { ["CurrentPassword"] = LiaisonWebFactory.Password, ["NewPassword"] = "seven quiet harbour lamps" });
        var sign = await supervisor.PostFormAsync("/cases/B1?handler=signWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-3" }, "/cases/B1");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.StartsWith("/account/confirm", sign.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAnIceSupervisor_SignsWarrants()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostFormAsync("/cases/B1?handler=signWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-1" }, "/cases/B1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=signWarrant", await officer.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.SignedWarrants.AnyAsync()));
    }
}
