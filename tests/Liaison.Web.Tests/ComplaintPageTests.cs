using System.Net;
using System.Text.RegularExpressions;
using Liaison.Data.Alerts;
using Liaison.Data.Complaints;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// Complaints through the real HTTP stack, on either database: the public form and status page in the page's
/// language, with files checked by content, the honeypot, size and rate limits; the staff's workflow on its pages,
/// with who may read and who may act; the ICE referral clock across a weekend and the deadline monitor's alert.
/// </summary>
public sealed partial class ComplaintPageTests
{
    /// <summary>The first bytes of a PNG, then anything: what the form checks a file by.</summary>
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    private static PageClient Public(LiaisonWebFactory app) => new(app.CreateClient(new() { AllowAutoRedirect = false }));

    /// <summary>Posts the form as a browser does (multipart), with its token from the form page.</summary>
    private static async Task<HttpResponseMessage> FileAsync(PageClient client, string lang, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        var token = await client.TokenAsync($"/complaints/{lang}");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "Attachments", name);
        }

        return await client.Http.PostAsync(new Uri($"/complaints/{lang}", UriKind.Relative), form);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>Files, as <see cref="FileAsync"/>, and follows the answer to the receipt, as a browser does.</summary>
    private static async Task<HttpResponseMessage> FileAndReadReceiptAsync(PageClient client, string lang, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        var filed = await FileAsync(client, lang, fields, files);
        Assert.Equal(HttpStatusCode.SeeOther, filed.StatusCode);
        return await client.GetAsync(filed.Headers.Location!.OriginalString);
    }

    private static string CodeIn(string page) => TrackingCodePattern().Match(page) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("no tracking code on the page");

    private static Task<HttpResponseMessage> StatusAsync(PageClient client, string lang, string code) =>
        client.PostFormAsync($"/complaints/status/{lang}", new() { ["TrackingCode"] = code });

    [Fact]
    public async Task TheFormInSpanish_FilesAComplaintWithAFile_AndItsCodeFollowsIt()
    {
        await using var app = await TestApp.StartAsync();
        using var visitor = Public(app);

        var form = await BodyAsync(await visitor.GetAsync("/complaints/es"));
        Assert.Contains("<html lang=\"es\" dir=\"ltr\">", form, StringComparison.Ordinal);
        Assert.Contains("<h1>Presentar una queja</h1>", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Complaint.Website\" tabindex=\"-1\"", form, StringComparison.Ordinal);

        var filed = await FileAsync(visitor, "es", new() { ["Complaint.Narrative"] = "El agente no me dio la copia de la orden.", ["Complaint.IncidentDate"] = "2026-03-01", ["Complaint.ContactEmail"] = "ana@example.org" },
            ("foto.png", Png));

        // Filed, the form answers with a redirect to the receipt, so reloading the receipt cannot file the complaint again.
        Assert.Equal(HttpStatusCode.SeeOther, filed.StatusCode);
        Assert.Equal("/complaints/es?handler=received", filed.Headers.Location?.OriginalString);
        var response = await visitor.GetAsync("/complaints/es?handler=received");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "the receipt with the code is not cached");
        var receipt = await BodyAsync(response);
        Assert.Contains("Su queja fue recibida", receipt, StringComparison.Ordinal);
        Assert.Contains("Número de queja: C-000001", receipt, StringComparison.Ordinal);
        var code = CodeIn(receipt);
        var cookie = Assert.Single(filed.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=", StringComparison.Ordinal));
        var sealedValue = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(cookie.Split(';')[0].Split('=', 2)[1]);
        Assert.DoesNotContain(code, System.Text.Encoding.UTF8.GetString(sealedValue), StringComparison.Ordinal); // encrypted, not merely encoded
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // gone when the browser closes
        var reloaded = await visitor.GetAsync("/complaints/es?handler=received");
        Assert.Equal(code, CodeIn(await BodyAsync(reloaded))); // the same receipt, in this browser only
        Assert.True(reloaded.Headers.CacheControl?.NoStore);
        using (var stranger = Public(app))
        {
            var elsewhere = await stranger.GetAsync("/complaints/es?handler=received");
            Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode); // no receipt here: back to the form
            Assert.Equal("/complaints/es", elsewhere.Headers.Location?.OriginalString);
        }

        var stored = await app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal(("es", "ana@example.org", new LocalDate(2026, 3, 1)), (stored.Language, stored.ContactEmail, stored.IncidentDate!.Value));
        var file = await app.WithDbAsync(db => db.ComplaintAttachments.AsNoTracking().SingleAsync());
        Assert.Equal(("foto.png", "image/png", Png.Length), (file.FileName, file.ContentType, file.Size));
        Assert.Equal(Png, file.Content);

        var status = await StatusAsync(visitor, "es", code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        var shown = await BodyAsync(status);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("Queja C-000001, recibida el 2026-03-02", shown, StringComparison.Ordinal);
        Assert.Contains("Recibida: en espera de que se asigne a un investigador", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("El agente", shown, StringComparison.Ordinal); // never the content

        var unknown = await StatusAsync(visitor, "es", "LC-0000-0000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Ninguna queja tiene ese código.", await BodyAsync(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadFilings_AreRefusedInThePagesLanguage_NamingTheField_AndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync();
        using var visitor = Public(app);

        var notAPdf = await FileAsync(visitor, "es", new() { ["Complaint.Narrative"] = "Algo pasó." }, ("orden.pdf", "<script>alert(1)</script>"u8.ToArray()));
        var empty = await FileAsync(visitor, "es", new() { ["Complaint.Narrative"] = " ", ["Complaint.IncidentDate"] = "01/03/2026", ["Complaint.ContactPhone"] = "llámeme" });
        var robot = await FileAsync(visitor, "en", new() { ["Complaint.Narrative"] = "Buy now", ["Complaint.Website"] = "http://spam.example" });
        var tooMany = await FileAsync(visitor, "en", new() { ["Complaint.Narrative"] = "Four photos." }, ("1.png", Png), ("2.png", Png), ("3.png", Png), ("4.png", Png));
        var tooBig = await FileAsync(visitor, "en", new() { ["Complaint.Narrative"] = "A large photo." }, ("big.png", [.. Png, .. new byte[(2 * 1024 * 1024) + 1]]));

        Assert.All(new[] { notAPdf, empty, robot, tooMany, tooBig }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        var notAPdfPage = await BodyAsync(notAPdf);
        Assert.Contains("«orden.pdf» no es un archivo PDF, PNG ni JPEG.", notAPdfPage, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", notAPdfPage, StringComparison.Ordinal);
        Assert.Contains("Algo pasó.", notAPdfPage, StringComparison.Ordinal); // what was written is kept for the second try
        Assert.Contains("El día en que pasó: escríbalo como AAAA-MM-DD.", await BodyAsync(empty), StringComparison.Ordinal);
        Assert.Contains("The form was not sent: a field meant to be left empty was filled in.", await BodyAsync(robot), StringComparison.Ordinal);
        Assert.Contains("Documents or photos: at most 3 files.", await BodyAsync(tooMany), StringComparison.Ordinal);
        Assert.Contains("Documents or photos: \"big.png\" is larger than 2 MB.", await BodyAsync(tooBig), StringComparison.Ordinal);
        Assert.Equal((0, 0), await app.WithDbAsync(async db => (await db.Complaints.CountAsync(), await db.ComplaintAttachments.CountAsync())));

        var empties = await FileAsync(visitor, "es", new() { ["Complaint.Narrative"] = "" });
        Assert.Contains("Qué pasó: describa lo que pasó.", await BodyAsync(empties), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestLargerThanTheFormTakes_IsRefusedBeforeItIsRead_WhileFilesOverTheUsualLimitAreTaken()
    {
        await using var app = await TestApp.StartAsync();
        using var visitor = Public(app);

        var photo = await FileAsync(visitor, "en", new() { ["Complaint.Narrative"] = "One photo of 1 MB." }, ("photo.png", [.. Png, .. new byte[1024 * 1024]]));
        var huge = await FileAsync(visitor, "es", new() { ["Complaint.Narrative"] = "Demasiado." }, ("a.png", [.. Png, .. new byte[7 * 1024 * 1024]]));
        var elsewhere = await visitor.Http.PostAsync(new Uri("/complaints/status/en", UriKind.Relative), new ByteArrayContent(new byte[300 * 1024]));
        var survey = await visitor.Http.PostAsync(new Uri("/survey/es", UriKind.Relative), new ByteArrayContent(new byte[300 * 1024]));

        Assert.Equal(HttpStatusCode.SeeOther, photo.StatusCode); // filed, though over the 256 KB every other form is held to
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, elsewhere.StatusCode); // the status page takes no files
        var refused = await BodyAsync(huge); // said in the form's language, with what it takes
        Assert.Contains("<html lang=\"es\"", refused, StringComparison.Ordinal);
        Assert.Contains("<h1>El formulario era demasiado grande</h1>", refused, StringComparison.Ordinal);
        Assert.Contains("<p>Documentos o fotos: como máximo 3 archivos de hasta 2 MB cada uno.</p>", refused, StringComparison.Ordinal);
        var status = await BodyAsync(elsewhere);
        Assert.Contains("<h1>The form was too large</h1>", status, StringComparison.Ordinal);
        Assert.DoesNotContain("Documents or photos", status, StringComparison.Ordinal); // the status page takes no files: none are mentioned
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, survey.StatusCode);
        var surveyPage = await BodyAsync(survey);
        Assert.Contains("No se guardó nada: lo enviado es más grande de lo que este formulario acepta.", surveyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Documentos o fotos", surveyPage, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task PostsFromOneAddress_AreLimitedPerHour_ReadingIsNot()
    {
        await using var app = await TestApp.StartAsync();
        using var visitor = Public(app);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await StatusAsync(visitor, "en", $"LC-0000-000{i}")).StatusCode);
        }

        var eleventh = await StatusAsync(visitor, "en", "LC-0000-000A");
        var filing = await FileAsync(visitor, "en", new() { ["Complaint.Narrative"] = "Still here." });
        var korean = await visitor.PostFormAsync("/survey/ko", new() { ["InvitationCode"] = "TS-0000-0000" });
        var negotiated = await visitor.PostFormAsync("/complaints/status", new() { ["TrackingCode"] = "LC-0000-000B" });

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.Equal("3600", eleventh.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Too many forms from this address", await BodyAsync(eleventh), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, filing.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, korean.StatusCode); // the survey counts with the complaint pages
        var koreanPage = await BodyAsync(korean);
        Assert.Contains("<html lang=\"ko\"", koreanPage, StringComparison.Ordinal); // refused in the language of the form
        Assert.Contains("<h1>이 주소에서 보낸 양식이 너무 많습니다</h1>", koreanPage, StringComparison.Ordinal);
        Assert.Contains("Too many forms from this address", await BodyAsync(negotiated), StringComparison.Ordinal); // no tag, no Accept-Language: English
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/complaints/en")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Staff_WorkAComplaintOnItsPages_AuditorsRead_OfficersDoNot_AndThePublicSeesOnlyTheStage()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var visitor = Public(app);
        var code = CodeIn(await BodyAsync(await FileAndReadReceiptAsync(visitor, "en", new() { ["Complaint.Narrative"] = "Deputy Moreno shoved me at intake.", ["Complaint.ContactName"] = "<b>Ana</b>" }, ("report.pdf", "%PDF-1.7 a report"u8.ToArray()))));
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var auditor = await app.SignInAsync(Roles.Auditor);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var list = await manager.GetPageAsync("/complaint-records");
        Assert.Contains("<a href=\"/complaint-records/1\">C-000001</a>", list, StringComparison.Ordinal);
        var page = await manager.GetPageAsync("/complaint-records/1");
        Assert.Contains("Deputy Moreno shoved me at intake.", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Ana&lt;/b&gt;", page, StringComparison.Ordinal); // what the public typed is encoded
        Assert.Contains("referred to ICE", page, StringComparison.Ordinal);

        async Task<HttpResponseMessage> Act(PageClient who, string handler, Dictionary<string, string>? fields = null) =>
            await who.PostFormAsync($"/complaint-records/1?handler={handler}", fields ?? [], "/complaint-records/1");

        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "assign", new() { ["Act.Investigator"] = "park" })).StatusCode);
        var unknownBooking = await Act(manager, "scope", new() { ["Act.ImmigrationRole"] = "yes", ["Act.BookingId"] = "B404" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownBooking.StatusCode);
        Assert.Contains("Booking: there is no booking B404.", await BodyAsync(unknownBooking), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "scope", new() { ["Act.ImmigrationRole"] = "yes", ["Act.BookingId"] = "B1", ["Act.OfficerId"] = "dso-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "refer", new() { ["Act.To"] = "ice", ["Act.Reference"] = "OPR-2026-0042" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "finding", new() { ["Act.Finding"] = "sustained", ["Act.Summary"] = "Video confirms the push." })).StatusCode);
        var early = await Act(manager, "close");
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Send ICE the results before closing", await BodyAsync(early), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "refer", new() { ["Act.To"] = "ice", ["Act.Results"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(manager, "close")).StatusCode);

        var closed = await manager.GetPageAsync("/complaint-records/1");
        Assert.Contains("Assigned to park · by manager", closed, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/cases/B1\">B1</a>", closed, StringComparison.Ordinal);
        Assert.Contains("Referred to ICE (reference OPR-2026-0042)", closed, StringComparison.Ordinal);
        Assert.Contains("Results sent to ICE", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=close", closed, StringComparison.Ordinal);
        Assert.Equal(7, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == ComplaintService.RecordedAction)));

        // Auditors read, without the acts, and cannot post them; officers do not see complaints at all.
        var read = await auditor.GetPageAsync("/complaint-records/1");
        Assert.Contains("Video confirms the push.", read, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=assign", read, StringComparison.Ordinal);
        var auditorAct = await auditor.PostFormAsync("/complaint-records/1?handler=refer", new() { ["Act.To"] = "dhs-oig" }, "/complaint-records/1");
        Assert.True(auditorAct.StatusCode == HttpStatusCode.Redirect && auditorAct.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.Ordinal), $"{auditorAct.StatusCode}");
        Assert.Equal(7, await app.WithDbAsync(db => db.ComplaintEvents.CountAsync()));
        var officerRead = await officer.GetAsync("/complaint-records/1");
        Assert.Contains("/account/denied", officerRead.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // The file, for staff only, as a download, audited.
        var fileId = await app.WithDbAsync(db => db.ComplaintAttachments.Select(a => a.Id).SingleAsync());
        var download = await manager.GetAsync($"/complaint-records/1?handler=file&fileId={fileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("%PDF-1.7 a report"u8.ToArray(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == ComplaintService.AttachmentReadAction && e.Actor == "manager")));
        Assert.NotEqual(HttpStatusCode.OK, (await officer.GetAsync($"/complaint-records/1?handler=file&fileId={fileId}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/complaint-records/1?handler=file&fileId={fileId}")).StatusCode);

        // The public sees the stage and the finding, nothing else.
        var status = await BodyAsync(await StatusAsync(visitor, "en", code));
        Assert.Contains("data-stage=\"closed\">Closed<", status, StringComparison.Ordinal);
        Assert.Contains("Sustained: the conduct happened and broke policy or law", status, StringComparison.Ordinal);
        Assert.DoesNotContain("Video confirms", status, StringComparison.Ordinal);
        Assert.DoesNotContain("B1", status, StringComparison.Ordinal);
        Assert.DoesNotContain("park", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheIceReferralClock_SkipsTheWeekend_AndTheMonitorRaisesItsAlertOnce_OnlyForThoseWhoReadComplaints()
    {
        // Friday 6 March 2026, 12:00 in New York; the clocks change on Sunday.
        await using var app = await TestApp.StartAsync();
        app.Clock.Reset(Instant.FromUtc(2026, 3, 6, 17, 0));
        using var visitor = Public(app);
        await FileAsync(visitor, "en", new() { ["Complaint.Narrative"] = "The designated officer refused me an interpreter." });
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await manager.PostFormAsync("/complaint-records/1?handler=assign", new() { ["Act.Investigator"] = "park" }, "/complaint-records/1");
        var due = Instant.FromUtc(2026, 3, 10, 16, 0); // Tuesday 12:00 EDT: Friday's 12 hours, Monday's 24, Tuesday's 12
        Assert.Equal(due, await app.WithDbAsync(db => db.Complaints.Select(c => c.NextDue).SingleAsync()));

        app.Clock.Reset(due - Duration.FromMinutes(1));
        await app.RunDeadlineMonitorAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.Kind == AlertKinds.ComplaintOverdue)));

        app.Clock.Reset(due);
        await app.RunDeadlineMonitorAsync();
        await app.RunDeadlineMonitorAsync();
        var alert = await app.WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Kind == AlertKinds.ComplaintOverdue));
        Assert.Equal(("C-000001", due), (alert.BookingId, alert.DueAt));
        var inbox = await manager.GetPageAsync("/alerts");
        Assert.Contains("<a href=\"/complaint-records/1\">C-000001</a>", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("C-000001", await officer.GetPageAsync("/alerts"), StringComparison.Ordinal);
        Assert.Contains("overdue", await manager.GetPageAsync("/complaint-records/1"), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(5));
        await manager.PostFormAsync("/complaint-records/1?handler=refer", new() { ["Act.To"] = "ice" }, "/complaint-records/1");
        var cleared = await app.WithDbAsync(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Kind == AlertKinds.ComplaintOverdue));
        Assert.Equal("the complaint's clock was met", cleared.ClearedBecause);
        var clocks = await manager.GetPageAsync("/complaint-records/1");
        Assert.Contains("late", clocks, StringComparison.Ordinal); // met, but after the due time
    }

    [Fact]
    public async Task ThePoster_IsInEnglishAndSpanish_WithTheFormsAddressAndItsQrCode()
    {
        await using var app = await TestApp.StartAsync();
        using var visitor = Public(app);

        var poster = await BodyAsync(await visitor.GetAsync("/complaints/poster"));
        var arabic = await BodyAsync(await visitor.GetAsync("/complaints/poster/ar"));

        Assert.Contains("Complaints about immigration work in this jail", poster, StringComparison.Ordinal);
        Assert.Contains("Quejas sobre el trabajo de inmigración en esta cárcel", poster, StringComparison.Ordinal);
        Assert.Contains("http://localhost/complaints/es", poster, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(poster, "<svg"));
        Assert.Contains("<section class=\"poster-panel\" lang=\"ar\" dir=\"rtl\">", arabic, StringComparison.Ordinal);
        Assert.Contains("<section class=\"poster-panel\" lang=\"en\" dir=\"ltr\">", arabic, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/complaints/poster/xx")).StatusCode);
    }

    [GeneratedRegex("LC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex TrackingCodePattern();
}
