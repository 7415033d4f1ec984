using System.Net;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>Search by every key, and administration forms that name the field they reject.</summary>
public sealed class SearchAndAdminTests
{
    [Fact]
    public async Task Search_FindsByBookingNumberNamePrefixANumberAndDateOfBirth()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", "Garcia", "Maria", "A123456789", new LocalDate(1990, 5, 17));
        await app.BookAsync("B2", "Garcia", "Jose", dob: new LocalDate(1985, 1, 2));
        await app.BookAsync("B3", "Gardner", "Ann", dob: new LocalDate(1990, 5, 17));
        using var auditor = await app.SignInAsync(Roles.Auditor);

        static int Rows(string page) => page.Split("href=\"/cases/").Length - 1;
        Assert.Equal(1, Rows(await auditor.GetPageAsync("/search?q=B2")));
        Assert.Equal(2, Rows(await auditor.GetPageAsync("/search?q=garcia")));
        Assert.Equal(1, Rows(await auditor.GetPageAsync("/search?q=GARCIA%2C%20MA")));
        Assert.Equal(3, Rows(await auditor.GetPageAsync("/search?q=GAR")));
        Assert.Equal(1, Rows(await auditor.GetPageAsync("/search?q=A123456789")));
        Assert.Equal(2, Rows(await auditor.GetPageAsync("/search?dob=1990-05-17")));
        Assert.Equal(2, Rows(await auditor.GetPageAsync("/search?q=gar&dob=1990-05-17")));
        Assert.Equal(1, Rows(await auditor.GetPageAsync("/search?q=garc&dob=1990-05-17")));
        Assert.Contains("No booking matches.", await auditor.GetPageAsync("/search?q=Nobody"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_WithABadDateOfBirth_Answers400NamingTheField()
    {
        await using var app = await TestApp.StartAsync();
        using var auditor = await app.SignInAsync(Roles.Auditor);

        var response = await auditor.GetAsync("/search?dob=17/05/1990");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Date of birth: use the form yyyy-mm-dd.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_EncodesWhatItShows()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", "<script>alert(1)</script>", "X");
        using var auditor = await app.SignInAsync(Roles.Auditor);

        var page = await auditor.GetPageAsync("/search?q=%3Cscript");

        Assert.DoesNotContain("<script>alert(1)</script>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_ListsOldestFirst_AndFiltersDhsMatches()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B-OLD");
        app.Clock.Advance(Duration.FromHours(1));
        await app.BookAsync("B-NEW");
        await app.RecordDhsMatchAsync("B-NEW");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var all = await officer.GetPageAsync("/queue");
        var matches = await officer.GetPageAsync("/queue?show=matches");

        Assert.True(all.IndexOf("/cases/B-OLD", StringComparison.Ordinal) < all.IndexOf("/cases/B-NEW", StringComparison.Ordinal));
        Assert.DoesNotContain("/cases/B-OLD", matches, StringComparison.Ordinal);
        Assert.Contains("/cases/B-NEW", matches, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddHoliday_WithABadDate_Answers400NamingTheField_AndKeepsTheList()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        await admin.PostFormAsync("/admin?handler=addHoliday", new() { ["HolidayDate"] = "2026-12-25", ["HolidayName"] = "Christmas Day" }, "/admin");

        var response = await admin.PostFormAsync("/admin?handler=addHoliday", new() { ["HolidayDate"] = "Dec 26", ["HolidayName"] = "Boxing Day" }, "/admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Holiday date: use the form yyyy-mm-dd.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Holidays.CountAsync()));
    }

    [Fact]
    public async Task Settings_WithAnUnknownTimeZone_AreRejectedAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var response = await admin.PostFormAsync("/admin?handler=settings",
            new() { ["Settings.Name"] = "Test County", ["Settings.TimeZoneId"] = "Mars/Olympus", ["Settings.HoldPolicy"] = "business-48h" }, "/admin");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Time zone: \"Mars/Olympus\" is not an IANA time zone.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("calendar-48h", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.HoldPolicy).SingleAsync()));
    }

    [Fact]
    public async Task Agreement_AndCertification_AreAddedWithValidation()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var admin = await app.SignInAsync(Roles.Administrator);

        var bad = await manager.PostFormAsync("/admin/agreements?handler=add", new() { ["Id"] = "moa-wso", ["Model"] = "WSO", ["Effective"] = "2026-03-01", ["Ends"] = "2025-01-01" }, "/admin/agreements");
        var good = await manager.PostFormAsync("/admin/agreements?handler=add", new() { ["Id"] = "moa-wso", ["Model"] = "WSO", ["Effective"] = "2026-03-01" }, "/admin/agreements");
        var badCert = await admin.PostFormAsync("/admin/officers?handler=addCertification", new() { ["OfficerId"] = "dso-2", ["Model"] = "JEM", ["Completed"] = "2026-03-01", ["Expires"] = "2026-02-01" }, "/admin/officers");
        var noLetter = await admin.PostFormAsync("/admin/officers?handler=addCertification", new() { ["OfficerId"] = "dso-2", ["Model"] = "JEM", ["Completed"] = "2026-02-20", ["Expires"] = "2028-02-20" }, "/admin/officers");
        var goodCert = await admin.PostFormAsync("/admin/officers?handler=addCertification", new()
        {
            ["OfficerId"] = "dso-2",
            ["Model"] = "JEM",
            ["Completed"] = "2026-02-20",
            ["Expires"] = "2028-02-20",
            ["LetterNumber"] = "70-006-2026-14",
            ["LetterDate"] = "2026-02-25",
            ["LetterSignedBy"] = "FOD Alvarez",
        }, "/admin/officers");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Ends: must not be before the effective date.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCert.StatusCode);
        Assert.Contains("Expires: must not be before the completion date.", await badCert.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noLetter.StatusCode);
        Assert.Contains("Authorization letter number: required.", await noLetter.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, goodCert.StatusCode);
        Assert.Contains("Authorization letter: 70-006-2026-14 of 25 Feb 2026, signed by FOD Alvarez", await manager.GetPageAsync("/admin/officers"), StringComparison.Ordinal);

        // The engine now sees the renewed certification: the lapsed officer may act again.
        await app.BookAsync("B1");
        using var renewed = await app.SignInAsync(Roles.DesignatedOfficer, "lapsed");
        Assert.DoesNotContain("holds no JEM certification", await renewed.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficersPage_WarnsOfLapsedCertifications()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var page = await admin.GetPageAsync("/admin/officers");

        Assert.Contains("Certifications needing attention", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Dep. Lapsed</strong> (dso-2): JEM expired", page, StringComparison.Ordinal);
    }
}

/// <summary>Accounts are managed by administrators only; a new officer account acts as its officer record.</summary>
public sealed class AccountAdminTests
{
    [Fact]
    public async Task Administrator_CreatesAnOfficerAccount_ThatCanSignInAndAct()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var weak = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = "silva", ["DisplayName"] = "Dep. Silva", ["Role"] = Roles.IceOfficer, ["OfficerId"] = "ice-2", ["Password"] = "short" }, "/admin/users");
        var created = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = "silva", ["DisplayName"] = "Dep. Silva", ["Role"] = Roles.IceOfficer, ["OfficerId"] = "ice-2", ["Password"] = "a long enough passphrase" }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("Password: ", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var signIn = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "silva", ["Password"] = "a long enough passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/enrol", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal); // a new account enrols first
        Assert.Equal(AccountService.RecoveryCodeCount, (await app.EnrolAsync(client)).Count);
        await app.BookAsync("B1");
        Assert.Contains("Lodge a detainer (I-247A)</summary>", await client.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProgramManager_CannotManageAccounts()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        var response = await manager.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
