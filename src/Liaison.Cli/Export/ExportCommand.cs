using System.CommandLine;
using Liaison.Data.Niem;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli.Export;

/// <summary><c>liaison export niem --booking ID --out FILE.xml</c>: a booking's detainer and custody record as NIEM 5.2 XML.</summary>
public static class ExportCommand
{
    public static Command Build()
    {
        var command = new Command("export", "Export records for other systems.");
        var booking = new Option<string>("--booking") { Description = "The booking number.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The file to write (XML).", Required = true };
        var database = new DatabaseOptions();
        var niem = new Command("niem",
            """
            Write a booking's facts and its custody record (every accepted step: screening, detainer, hold, hand-over)
            as a NIEM 5.2 document, valid against Liaison's subset schemas. The export is recorded in the audit log.
            """)
        {
            booking, output,
        };
        database.AddTo(niem);
        niem.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, _) =>
        {
            var id = parse.GetValue(booking)!;
            var document = await services.GetRequiredService<NiemService>().ExportAsync(id, ct);
            if (document is null)
            {
                await Console.Error.WriteLineAsync($"--booking: there is no booking {id}.");
                return 2;
            }

            var path = parse.GetValue(output)!.FullName;
            var partial = path + ".partial";
            await using (var file = Data.Persistence.PrivateFiles.Create(partial, FileMode.Create))
            await using (var writer = System.Xml.XmlWriter.Create(file, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true, Async = true }))
            {
                await document.SaveAsync(writer, ct);
            }

            File.Move(partial, path, overwrite: true); // never a half-written document under the final name
            Console.WriteLine($"Booking {id}: {path}");
            return 0;
        }, ct));
        command.Subcommands.Add(niem);
        return command;
    }
}
