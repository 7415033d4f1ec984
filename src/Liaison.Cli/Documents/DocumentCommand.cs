using System.CommandLine;
using Liaison.Data.Documents;
using Liaison.Documents.Kinds;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli.Documents;

/// <summary><c>liaison document KIND --booking ID --language TAG --out FILE.pdf</c>: a booking's document as a PDF, audited.</summary>
public static class DocumentCommand
{
    public static Command Build()
    {
        var database = new DatabaseOptions();
        var kind = new Argument<string>("kind") { Description = $"Which document: {string.Join(", ", Codes.All<DocumentKind>())}." };
        var booking = new Option<string>("--booking") { Description = "The booking number.", Required = true };
        var language = new Option<string>("--language")
        {
            Description = $"A BCP 47 tag: {string.Join(", ", DocumentLanguage.Tags)}. Default: the booking's language, or English when Liaison has no texts in it.",
        };
        var output = new Option<string>("--out") { Description = "The PDF file to write (its folder is created if missing).", Required = true };
        var actor = new Option<string>("--as") { Description = "Who prints it, for the audit log (default: cli)." };
        var command = new Command("document",
            """
            Prints a booking's document as a PDF with its fonts embedded: the detainer notice and the rights and consular
            advisal given to the person, the case summary for ICE and auditors, the person's copy of ICE's requests, or
            the interview consent form. Recorded in the audit log.
            """)
        {
            kind, booking, language, output, actor,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            if (!Codes.TryParse<DocumentKind>(parse.GetValue(kind), out var chosen))
            {
                return CliHost.Refuse($"kind: \"{parse.GetValue(kind)}\" is not a document; use one of {string.Join(", ", Codes.All<DocumentKind>())}.");
            }

            var file = Path.GetFullPath(parse.GetValue(output)!);
            if (!file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                return CliHost.Refuse($"--out: \"{parse.GetValue(output)}\" should name a .pdf file.");
            }

            return CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, _) =>
            {
                var who = parse.GetValue(actor) is { Length: > 0 } name ? "cli:" + name : "cli";
                var result = await services.GetRequiredService<DocumentService>().GenerateAsync(chosen, parse.GetValue(booking)!, parse.GetValue(language), who, ct);
                if (result.Outcome != DocumentOutcome.Printed)
                {
                    return CliHost.Fail((result.Outcome switch
                    {
                        DocumentOutcome.UnknownLanguage => "--language: ",
                        DocumentOutcome.NoSuchBooking => "--booking: ",
                        _ => "",
                    }) + result.Message);
                }

                if (CliHost.WritePrivateFiles(Path.GetDirectoryName(file)!, [(Path.GetFileName(file), result.Document!.Pdf)]) is { } problem)
                {
                    return CliHost.Fail(problem);
                }

                Console.WriteLine($"Wrote {file}: {Codes.Of(chosen)} for booking {parse.GetValue(booking)} in {result.Language!.EnglishName} ({result.Language.Tag})" +
                    (result.FellBackToEnglish ? ", because Liaison has no texts in the booking's language" : "") +
                    (result.Language.StatusLine is null ? "." : $"; the translation is a {(result.Language.Status == ReviewStatus.MachineDraft ? "machine draft, not yet reviewed" : "reviewed one")}."));
                if (result.Document.MissingCharacters.Count > 0)
                {
                    Console.Error.WriteLine($"Warning: no embedded font draws {string.Join(", ", result.Document.MissingCharacters)}; install the font for that script.");
                }

                return 0;
            }, ct);
        });
        return command;
    }

}
