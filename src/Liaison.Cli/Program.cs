using System.CommandLine;
using Liaison.Cli.Audit;
using Liaison.Cli.Backup;
using Liaison.Cli.Demo;
using Liaison.Cli.Documents;
using Liaison.Cli.Export;
using Liaison.Cli.Import;
using Liaison.Cli.Report;
using Liaison.Cli.Scenarios;
using Liaison.Cli.Verify;
using Liaison.Cli.Watch;

namespace Liaison.Cli;

public static class Program
{
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

    public static RootCommand BuildRootCommand() => new(
        """
        Liaison: the jail side of a Section 287(g) custody partnership, lawful by construction.
        Screening, detainers and warrants, the 48-hour hold and hand-over to ICE, with results anyone can check.
        """)
    {
        ScenarioCommand.Build(),
        DemoCommand.BuildDemo(),
        DemoCommand.BuildMigrate(),
        DemoCommand.BuildServe(),
        BackupCommand.BuildBackup(),
        BackupCommand.BuildRestore(),
        VerifyCommand.Build(),
        AuditCommand.Build(),
        ImportCommand.Build(),
        WatchCommand.Build(),
        ExportCommand.Build(),
        ReportCommand.Build(),
        DocumentCommand.Build(),
    };
}
