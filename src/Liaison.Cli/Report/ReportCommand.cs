using System.CommandLine;
using Liaison.Data.Custody;
using Liaison.Data.Reports;
using Liaison.Data.Statistics;
using Liaison.Domain.StateReports;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Cli.Report;

/// <summary><c>liaison report monthly</c> and <c>liaison report public</c>: the oversight report and the public downloads, as files.</summary>
public static class ReportCommand
{
    public static Command Build()
    {
        var command = new Command("report", "Reports for oversight and the public: the monthly report (PDF and CSV), the published statistics, the research export and the state reports.")
        {
            BuildMonthly(),
            BuildPublic(),
            BuildResearch(),
        };
        foreach (var format in StateReportFormats.All)
        {
            command.Subcommands.Add(BuildState(format));
        }

        return command;
    }

    private static Command BuildState(IStateReportFormat format)
    {
        var database = new DatabaseOptions();
        var year = new Option<string>("--year") { Description = "The calendar year, YYYY (e.g. 2026); a year that has not ended gives a provisional report.", Required = true };
        var output = new Option<string>("--out") { Description = $"Folder to write liaison-{format.Id}-YYYY.pdf and .csv into (created if missing).", Required = true };
        var actor = new Option<string>("--as") { Description = "Who generates it, for the audit log (default: cli)." };
        var command = new Command(format.Id,
            $"""
            The {format.State} report ({format.Law}), {format.Due}: every immigration detainer and warrant received in the
            year and what became of the person, with no personal data; a certification of zero when there were none.
            Writes a PDF to sign and a CSV of the same table. Recorded in the audit log.
            """)
        {
            year, output, actor,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var text = parse.GetValue(year);
            if (text is not { Length: 4 } || !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var chosen) || chosen < 2000)
            {
                return CliHost.Refuse($"--year: expected a year as YYYY, 2000 or later (e.g. 2026), not \"{text}\".");
            }

            return CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, db) =>
            {
                var reports = services.GetRequiredService<StateReportService>();
                if (chosen > (await reports.YearsAsync(ct)).Last)
                {
                    return CliHost.Fail($"--year: {chosen} has not begun yet.");
                }

                var report = await reports.BuildAsync(format, chosen, parse.GetValue(actor) is { Length: > 0 } who ? "cli:" + who : "cli", ct);
                var zone = (await services.GetRequiredService<CustodyWorldCache>().WorldAsync(db, ct)).Zone;
                var pdf = StateReportPdf.Write(report, zone, services.GetRequiredService<IClock>().GetCurrentInstant());
                var folder = parse.GetValue(output)!;
                if (CliHost.WritePrivateFiles(folder, [($"{report.FileName}.pdf", pdf), ($"{report.FileName}.csv", System.Text.Encoding.UTF8.GetBytes(report.Csv()))]) is { } problem)
                {
                    return CliHost.Fail(problem);
                }

                Console.WriteLine($"Wrote {Path.Combine(folder, report.FileName)}.pdf and .csv: {report.Rows.Count:N0} requests received in {chosen}." +
                    (report.Rows.Count == 0 ? " The PDF certifies zero." : "") + (report.YearEnded ? "" : $" PROVISIONAL: {chosen} has not ended."));
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command BuildResearch()
    {
        var database = new DatabaseOptions();
        var output = new Option<string>("--out") { Description = "Folder to write liaison-research.csv and liaison-research-dictionary.csv into (created if missing).", Required = true };
        var actor = new Option<string>("--as") { Description = "Who takes the export, for the audit log (e.g. the auditor's user name).", Required = true };
        var command = new Command("research",
            """
            Every booking with a detainer or warrant in the layout of ICE's released detainer data, people and bookings
            replaced by salted pseudonyms that stay the same across exports; with a data dictionary saying which columns
            are personal data. Recorded in the audit log.
            """)
        {
            output, actor,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, _) =>
        {
            var (data, dictionary, rows) = await services.GetRequiredService<ResearchExport>().ExportAsync("cli:" + parse.GetValue(actor), ct);
            var folder = parse.GetValue(output)!;
            if (CliHost.WritePrivateFiles(folder, [("liaison-research.csv", System.Text.Encoding.UTF8.GetBytes(data)), ("liaison-research-dictionary.csv", System.Text.Encoding.UTF8.GetBytes(dictionary))]) is { } problem)
            {
                return CliHost.Fail(problem);
            }

            Console.WriteLine($"Wrote {rows:N0} rows to {Path.Combine(folder, "liaison-research.csv")} and its data dictionary.");
            return 0;
        }, ct));
        return command;
    }

    private static Command BuildMonthly()
    {
        var database = new DatabaseOptions();
        var month = new Option<string>("--month") { Description = "The month, YYYY-MM (e.g. 2026-10); it must have ended.", Required = true };
        var model = new Option<string>("--model") { Description = "JEM, WSO or all (default).", DefaultValueFactory = _ => StatisticsFigures.AllModels };
        var output = new Option<string>("--out") { Description = "Folder to write liaison-report-YYYY-MM.pdf and .csv into (created if missing).", Required = true };
        var command = new Command("monthly",
            """
            The month's figures beside the previous month and the same month a year before, twelve-month charts, and a
            separate restricted part (over-detention cases, citizenship claims, late duties to tell ICE, by booking number).
            Writes a PDF (fonts embedded) and a CSV of the same figures.
            """)
        {
            month, model, output,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            if (!StatPeriod.TryParse(parse.GetValue(month), out var period) || period.Kind != PeriodKind.Month)
            {
                return CliHost.Refuse($"--month: expected a month as YYYY-MM (e.g. 2026-10), not \"{parse.GetValue(month)}\".");
            }

            var chosenModel = parse.GetValue(model)!;
            if (chosenModel != StatisticsFigures.AllModels && !StatisticsFigures.Models.Contains(chosenModel))
            {
                return CliHost.Refuse($"--model: expected JEM, WSO or all, not \"{chosenModel}\".");
            }

            return CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, db) =>
            {
                var statistics = services.GetRequiredService<StatisticsService>();
                if (period.Month > await statistics.LastClosedMonthAsync(ct))
                {
                    return CliHost.Fail($"--month: {period} has not ended yet; a monthly report covers a whole month.");
                }

                var folder = parse.GetValue(output)!;
                var figures = await statistics.ComputeAsync(ct);
                var report = PeriodReport.Of(figures, period, chosenModel);
                var world = await services.GetRequiredService<CustodyWorldCache>().WorldAsync(db, ct);
                var agency = await db.AgencySettings.Select(s => s.Name).SingleAsync(ct);
                var pdf = MonthlyReportPdf.Write(agency, report, figures, await statistics.RestrictedAsync(period, ct), world.Zone,
                    services.GetRequiredService<IClock>().GetCurrentInstant());
                var name = $"liaison-report-{period}{(chosenModel == StatisticsFigures.AllModels ? "" : "-" + chosenModel)}";
                if (CliHost.WritePrivateFiles(folder, [($"{name}.pdf", pdf), ($"{name}.csv", System.Text.Encoding.UTF8.GetBytes(report.Csv()))]) is { } problem)
                {
                    return CliHost.Fail(problem);
                }

                Console.WriteLine($"Wrote {Path.Combine(folder, name)}.pdf ({pdf.Length:N0} bytes) and .csv ({report.Lines.Count} figures). The PDF's last part is restricted.");
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command BuildPublic()
    {
        var database = new DatabaseOptions();
        var output = new Option<string>("--out") { Description = "Folder to write statistics.csv and statistics.json into (created if missing).", Required = true };
        var command = new Command("public",
            """
            The published statistics, exactly as /api/public/statistics.csv and .json serve them: every published month,
            quarter and fiscal year, with small counts suppressed (docs/statistics.md).
            """)
        {
            output,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, db) =>
        {
            var statistics = services.GetRequiredService<StatisticsService>();
            var (rows, k, at) = await statistics.PublicFileAsync(ct);
            var folder = parse.GetValue(output)!;
            if (CliHost.WritePrivateFiles(folder, [("statistics.csv", System.Text.Encoding.UTF8.GetBytes(StatisticsFiles.Csv(rows))), ("statistics.json", StatisticsFiles.Json(rows, k, at))]) is { } problem)
            {
                return CliHost.Fail(problem);
            }

            Console.WriteLine($"Wrote {rows.Count:N0} published rows (k = {k}) to {Path.Combine(folder, "statistics.csv")} and statistics.json.");
            return 0;
        }, ct));
        return command;
    }

}
