using System.Net;
using Liaison.Data.Audit;
using Liaison.Data.Identity;
using Liaison.Documents.Tests;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Tests;

/// <summary>
/// Printing a booking's documents from the case page: the notice in the person's language once the detainer is
/// served, every generation audited, bad requests answered with what is wrong, and only case roles served.
/// </summary>
public sealed class DocumentPrintingTests
{
    private static async Task<LiaisonWebFactory> ServedAsync(string language = "es")
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1", lastName: "García", firstName: "José", language: language);
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        return app;
    }

    [Fact]
    public async Task AfterServingTheDetainer_TheOfficerPrintsTheNotice_InThePersonsLanguage_AndTheGenerationIsAudited()
    {
        await using var app = await ServedAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "serveDetainer"));
        Assert.Contains("Give the person the detainer notice now, in Spanish", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases/B1?handler=document&kind=detainer-notice&language=es\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"es\" selected=\"selected\">Español — Spanish (machine draft)</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Give the person", WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1")), StringComparison.Ordinal); // offered once, after the act

        using var response = await officer.GetAsync("/cases/B1?handler=document&kind=detainer-notice&language=es");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("inline", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        Assert.Equal("detainer-notice-B1-es.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        var text = Poppler.Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Aviso: se ha emitido una orden de retención migratoria", text, StringComparison.Ordinal);
        Assert.Contains("García, José", text, StringComparison.Ordinal);
        Assert.Contains("I-247A", text, StringComparison.Ordinal);
        Assert.Contains("1-855-448-6903", text, StringComparison.Ordinal);
        Assert.Contains("48 horas", text, StringComparison.Ordinal); // the hold has not begun: how long it may last

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditLog.DocumentGenerated).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(("moreno", "B1", "detainer-notice es"), (entry.Actor, entry.RecordId, entry.Details));
    }

    [Fact]
    public async Task EveryDocumentPrints_InAnyLanguageChosen_TheCaseSummaryNamingWhoDidWhat()
    {
        await using var app = await ServedAsync();
        using var auditor = await app.SignInAsync(Roles.Auditor);

        foreach (var (kind, language, expected) in new[]
        {
            ("case-summary", "en", "Detainer lodged"),
            ("rights-advisal", "zh-Hans", "您的权利"),
            ("dual-notice", "ar", "I-247A"),
            ("detainer-notice", "ko", "1-855-448-6903"),
        })
        {
            using var response = await auditor.GetAsync($"/cases/B1?handler=document&kind={kind}&language={language}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(expected, Poppler.Text(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        using var summary = await auditor.GetAsync("/cases/B1?handler=document&kind=case-summary&language=en");
        var text = Poppler.Text(await summary.Content.ReadAsByteArrayAsync());
        Assert.Contains("Dep. Moreno", text, StringComparison.Ordinal);
        Assert.Equal(5, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditLog.DocumentGenerated)));
    }

    [Fact]
    public async Task ABookingInALanguageWithoutTexts_PrintsInEnglish_AndThePageSaysSo()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", nationality: "IN", language: "hi");
        using var jail = await app.SignInAsync(Roles.JailStaff);

        var page = WebUtility.HtmlDecode(await jail.GetPageAsync("/cases/B1"));
        Assert.Contains("The booking's language (hi) has no documents yet: English is chosen.", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"en\" selected=\"selected\">English — English</option>", page, StringComparison.Ordinal);

        using var response = await jail.GetAsync("/cases/B1?handler=document&kind=rights-advisal");
        Assert.Contains("Your rights", Poppler.Text(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadRequest_IsAnsweredWithWhatIsWrong_AndNothingIsPrintedOrAudited()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var jail = await app.SignInAsync(Roles.JailStaff);

        var page = WebUtility.HtmlDecode(await jail.GetPageAsync("/cases/B1"));
        Assert.Contains("No detainer or warrant is on file for this booking", page, StringComparison.Ordinal);

        foreach (var (url, status, message) in new[]
        {
            ("/cases/B1?handler=document&kind=poster", HttpStatusCode.BadRequest, "Document: \"poster\" is not one of detainer-notice, rights-advisal, case-summary, dual-notice, interview-consent."),
            ("/cases/B1?handler=document&kind=rights-advisal&language=xx", HttpStatusCode.BadRequest, "Language \"xx\" has no documents"),
            ("/cases/B1?handler=document&kind=detainer-notice", HttpStatusCode.Conflict, "No detainer or warrant is on file"),
            ("/cases/B1?handler=document&kind=dual-notice", HttpStatusCode.Conflict, "ICE has made no request"),
            ("/cases/B9?handler=document&kind=case-summary", HttpStatusCode.NotFound, ""),
            ("/cases/B1?handler=document&kind=case-summary&language=" + new string('x', 40), HttpStatusCode.BadRequest, "Language: at most 16 characters. This one has 40."),
        })
        {
            using var response = await jail.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditLog.DocumentGenerated)));
    }

    [Fact]
    public async Task OnlyCaseRoles_PrintDocuments()
    {
        await using var app = await ServedAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var anonymous = app.ClientWith(new CookieContainer());

        using var denied = await admin.GetAsync("/cases/B1?handler=document&kind=case-summary");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var signIn = await anonymous.GetAsync("/cases/B1?handler=document&kind=case-summary");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/account/sign-in", signIn.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditLog.DocumentGenerated)));
    }
}
