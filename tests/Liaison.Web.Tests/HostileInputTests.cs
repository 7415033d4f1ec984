using System.Net;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Tests;

/// <summary>
/// Values a form never offers are refused with a 400 that names the field, never dropped or guessed; nothing is
/// stored. (Issue 8, part 6: the enum-like fields, booleans and times found so far.)
/// </summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, string, string, string> UnknownValues => new()
    {
        { Roles.DesignatedOfficer, "interview", "Claims", "Claim" },
        { Roles.DesignatedOfficer, "lodge", "Bases", "Probable-cause basis" },
        { Roles.DesignatedOfficer, "lodge", "WarrantForm", "Warrant form" },
        { Roles.IceSupervisor, "resolve", "Finding", "Finding" },
    };

    [Theory]
    [MemberData(nameof(UnknownValues))]
    public async Task AnUnknownValue_IsRefusedNamingTheField_AndNothingIsStored(string role, string handler, string field, string label)
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var client = await app.SignInAsync(role);
        var fields = ActForms.Detainer().With("Form.Claims", "declined").With("Form.Evidence", "passport").With($"Form.{field}", "made-up");

        var response = await client.PostFormAsync($"/cases/B1?handler={handler}", fields, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"{label}: \"made-up\" is not", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Theory]
    [InlineData("9999-12-31T23:59", "Expected release: \"9999-12-31T23:59\" is outside the years 1900 to 2100.")]
    [InlineData("1850-01-01T10:00", "Expected release: \"1850-01-01T10:00\" is outside the years 1900 to 2100.")]
    [InlineData("2026-03-08T02:30", "does not exist in America/New_York")]
    [InlineData("2026-11-01T01:30", "happens twice in America/New_York")]
    public async Task AnExpectedReleaseTime_OutOfRange_OrInADaylightSavingChange_IsRefused(string expected, string message)
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var records = await app.SignInAsync(Roles.JailStaff);

        var response = await records.PostFormAsync("/cases/B1?handler=schedule", new() { ["Form.Expected"] = expected }, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, body, StringComparison.Ordinal);
        if (message.Contains("America/New_York", StringComparison.Ordinal))
        {
            Assert.Contains(" or ", body[body.IndexOf(message, StringComparison.Ordinal)..], StringComparison.Ordinal); // both possible instants named
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task ABooleanThatIsNeitherTrueNorFalse_DoesNotDeactivateAnOfficer()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var response = await admin.PostFormAsync("/admin/officers?handler=setActive", new() { ["officerId"] = "dso-1", ["active"] = "maybe" }, "/admin/officers");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Active: \"maybe\" is not true or false.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Officers.Where(o => o.Id == "dso-1").Select(o => o.Active).SingleAsync()));
    }
}

public sealed class InvisibleCharacterTests
{
    [Theory]
    [InlineData("/admin/officers?handler=addOfficer", "Name", "Dep. \u202EonaM", "Name: contains a control or text-direction character")]
    [InlineData("/admin/officers?handler=addOfficer", "OfficerId", "dso-\u000B9", "Officer id: contains a control or text-direction character")]
    [InlineData("/admin/agreements?handler=add", "Id", "moa-\u200Fwso", "Agreement id: contains a control or text-direction character")]
    public async Task ControlAndDirectionCharacters_InNamesAndIds_AreRefused(string url, string field, string value, string message)
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        var fields = new Dictionary<string, string> { ["OfficerId"] = "dso-9", ["Name"] = "Dep. Silva", ["Kind"] = "designated-officer", ["Id"] = "moa-2", ["Model"] = "WSO", ["Effective"] = "2026-03-01" };
        fields[field] = value;

        var response = await admin.PostFormAsync(url, fields, url.Split('?')[0]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
