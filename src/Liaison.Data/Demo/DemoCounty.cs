using Liaison.Data.Agency;
using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Officers;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Consular;
using Liaison.Domain.Custody;
using Liaison.Scenarios;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Demo;

/// <summary>A demo sign-in: who, with which role, and the password generated for this demo database.</summary>
public sealed record DemoSignIn(string UserName, string Password, string Role, string Description);

/// <summary>What only a demo database allows.</summary>
public static class DemoDatabase
{
    /// <summary>Whether the database was created by <c>./liaison demo</c> (its audit log says so from its first entry).</summary>
    public static Task<bool> IsDemoAsync(LiaisonDbContext db, CancellationToken ct = default) =>
        db.AuditEntries.AnyAsync(e => e.Action == Audit.AuditLog.DemoCreated, ct);

    /// <summary>The code <paramref name="userName"/>'s authenticator would show at <paramref name="at"/>; null if the account has no key.</summary>
    public static async Task<string?> CodeAsync(UserManager<LiaisonUser> users, string userName, Instant at)
    {
        ArgumentNullException.ThrowIfNull(users);
        return await users.FindByNameAsync(userName) is { } user && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key
            ? Totp.Code(key, at)
            : null;
    }
}

/// <summary>
/// A deterministic synthetic county (seed 287): a year of bookings ending now, with a realistic charge
/// mix by NCIC code, DHS responses, detainers, warrants, hand-overs, lifts, expired holds, citizenship
/// claims, notification requests (I-247G from an ICE office under the Gonzalez settlement, some I-247N),
/// ICE told of detainers and claims mostly in time and a few late, one revoked designation, and today's
/// jail: people awaiting screening, holds and duties counting down, releases due. Every
/// booking's history is played through the custody engine and stored as its events, exactly as if
/// officers had entered it; nothing is written around the engine.
/// </summary>
public sealed class DemoCounty(LiaisonDbContext db, Statistics.StatisticsService statistics, AccountService accounts, RoleManager<IdentityRole> roles, IClock clock, CustodyService custody,
    Audit.AuditLog audit, Alerts.DeadlineMonitor monitor, Complaints.ComplaintService complaints, Trust.CrimeReportService crimeReports, Trust.SurveyService surveys)
{
    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson",
        "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
        "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
        "Mitchell", "Carter", "Roberts", "Morales", "Reyes", "Cruz", "Ortiz", "Gutierrez", "Chavez", "Ramos", "Mendoza",
    ];

    private static readonly string[] FirstNames =
    [
        "James", "Maria", "Robert", "Jose", "John", "Ana", "Michael", "Luis", "David", "Carmen", "William", "Juan", "Richard",
        "Rosa", "Joseph", "Carlos", "Thomas", "Elena", "Daniel", "Miguel", "Matthew", "Sofia", "Anthony", "Jorge", "Mark",
        "Lucia", "Steven", "Pedro", "Paul", "Gabriela", "Andrew", "Fernando", "Joshua", "Isabel", "Kevin", "Diego", "Brian",
        "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Ashley",
    ];

    // (country, share of bookings, language); the rest are US-born.
    private static readonly (string Country, double Share, string Language)[] ForeignBirth =
    [
        ("MX", 0.11, "es"), ("GT", 0.035, "es"), ("HN", 0.03, "es"), ("SV", 0.025, "es"), ("CU", 0.01, "es"),
        ("DO", 0.01, "es"), ("VE", 0.01, "es"), ("HT", 0.008, "ht"), ("CN", 0.006, "zh"), ("IN", 0.006, "hi"),
        ("VN", 0.005, "vi"), ("JM", 0.005, "en"), ("CO", 0.005, "es"), ("PH", 0.004, "tl"), ("NG", 0.003, "en"),
    ];

    // The consulates the demo county's release desk calls, by nationality.
    private static readonly Dictionary<string, string> Consulates = new(StringComparer.Ordinal)
    {
        ["MX"] = "Consulate of Mexico, Orlando",
        ["GT"] = "Consulate General of Guatemala, Miami",
        ["HN"] = "Consulate General of Honduras, Miami",
        ["SV"] = "Consulate General of El Salvador, Miami",
        ["CU"] = "Embassy of Cuba, Washington",
        ["DO"] = "Consulate General of the Dominican Republic, Miami",
        ["VE"] = "Embassy of Venezuela, Washington",
        ["HT"] = "Consulate General of Haiti, Miami",
        ["CN"] = "Consulate General of China, New York",
        ["IN"] = "Consulate General of India, Atlanta",
        ["VN"] = "Embassy of Vietnam, Washington",
        ["JM"] = "Consulate General of Jamaica, Miami",
        ["CO"] = "Consulate General of Colombia, Orlando",
        ["PH"] = "Philippine Consulate General, New York",
        ["NG"] = "Consulate General of Nigeria, Atlanta",
    };

    // NCIC code, description, level, weight: a county jail's mix (traffic and DUI, assault, drugs, theft first).
    private static readonly (string Code, string Description, string Level, int Weight)[] ChargeMix =
    [
        ("5404", "Driving under the influence", "misdemeanor", 16), ("5499", "Traffic offense", "misdemeanor", 9),
        ("5402", "Hit and run", "misdemeanor", 2), ("1313", "Simple assault", "misdemeanor", 12),
        ("1315", "Aggravated assault", "felony", 5), ("1399", "Assault", "misdemeanor", 3),
        ("3562", "Marijuana possession", "misdemeanor", 5), ("3563", "Cocaine possession", "felony", 3),
        ("3599", "Dangerous drugs", "felony", 5), ("3530", "Drug distribution", "felony", 2),
        ("2308", "Shoplifting", "misdemeanor", 7), ("2399", "Larceny", "misdemeanor", 5),
        ("2202", "Burglary", "felony", 4), ("2404", "Vehicle theft", "felony", 2), ("2699", "Fraud", "felony", 2),
        ("5299", "Weapon offense", "felony", 3), ("1299", "Robbery", "felony", 2), ("4801", "Resisting an officer", "misdemeanor", 3),
        ("5015", "Failure to appear", "misdemeanor", 5), ("5012", "Probation violation", "felony", 3),
        ("1301", "Domestic assault", "misdemeanor", 4), ("3611", "Sexual assault", "felony", 1), ("0999", "Homicide", "felony", 1),
        ("2902", "Vandalism", "misdemeanor", 2), ("7399", "Public order offense", "misdemeanor", 3),
    ];

    private static readonly string[] ChargeStatuses = ["pending", "pending", "pending", "convicted", "dismissed"];

    public static readonly int DefaultBookings = 20_000;

    /// <summary>Creates the agency, people, officers and <paramref name="bookings"/> bookings. Call on an empty database.</summary>
    public async Task<IReadOnlyList<DemoSignIn>> CreateAsync(int bookings, Action<string> progress, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var now = clock.GetCurrentInstant();
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var today = now.InZone(zone).Date;
        // First, so that a half-created demo is still known to be one.
        await audit.RecordAsync(Audit.AuditLog.DemoCreated, "agency", null, $"{{\"bookings\":{bookings}}}", ct: ct);
        await CreateAgencyAsync(today, ct);
        var signIns = await CreateUsersAsync(ct);

        var world = await CustodyWorld.LoadAsync(db, ct);
        var random = new Random(287);
        var start = now - Duration.FromDays(365);
        var span = (now - start).TotalSeconds;
        const int Batch = 10_000; // steps per transaction, through the same write path as every entry point
        var pending = new List<Submission>(Batch + 32);
        for (var i = 0; i < bookings; i++)
        {
            // Spread bookings over the year, denser in the last weeks so today's jail is full, and a last day and a
            // half of bookings so today's screening, detainers and duties to tell ICE are in progress.
            var fraction = i < bookings * 0.97 ? random.NextDouble()
                : i < bookings * 0.995 ? 1 - random.NextDouble() * 0.04
                : 1 - random.NextDouble() * (1.5 / 365);
            var bookedAt = start + Duration.FromSeconds((long)(span * fraction));
            pending.AddRange(BookingHistory(world, random, i, bookedAt, now));
            if (pending.Count >= Batch || i + 1 == bookings)
            {
                await RecordAsync(pending, ct);
                pending.Clear();
                progress($"  {i + 1:N0} of {bookings:N0} bookings");
            }
        }

        // Time runs to now, as the deadline monitor would have let it: holds that ended are release-required.
        await monitor.RunOnceAsync(ct);
        await ScreenAsync(now, ct);
        await ConsularAsync(now, ct);
        await ComplaintsAsync(ct);
        await CrimeReportsAsync(today, ct);
        await SurveyAsync(today, ct);

        // The release desk worked through alerts older than two days as they came (e-mailed when raised).
        var cutoff = now - Duration.FromDays(2);
        await db.Alerts.Where(a => a.RaisedAt < cutoff).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.EmailedAt, a => a.RaisedAt)
            .SetProperty(a => a.AcknowledgedAt, a => a.RaisedAt)
            .SetProperty(a => a.AcknowledgedBy, "records"), ct);

        // The program manager has released every closed month of the demo's year.
        var first = start.InZone(zone).Date is var d && d.Day == 1 ? new YearMonth(d.Year, d.Month) : new YearMonth(d.Year, d.Month).PlusMonths(1);
        var published = await statistics.PublishMonthsFromAsync(first, "manager", ct);
        progress($"  published {published} months of statistics");
        await Statistics.StatisticsService.PruneChangesAsync(db, ct: ct); // a year of history need not stay in the statistics' change log
        return signIns;
    }

    private async Task CreateAgencyAsync(LocalDate today, CancellationToken ct)
    {
        db.AgencySettings.Add(new AgencySettings
        {
            Name = "Harbor County Sheriff's Office (demo)",
            TimeZoneId = "America/New_York",
            HoldPolicy = "calendar-48h",
            AlertEmail = "release-desk@harbor-county.example",
        });
        foreach (var year in new[] { today.Year - 1, today.Year, today.Year + 1 })
        {
            db.Holidays.AddRange(
                new Holiday { Date = new LocalDate(year, 1, 1), Name = "New Year's Day" },
                new Holiday { Date = new LocalDate(year, 7, 4), Name = "Independence Day" },
                new Holiday { Date = NthWeekday(year, 11, IsoDayOfWeek.Thursday, 4), Name = "Thanksgiving Day" },
                new Holiday { Date = new LocalDate(year, 12, 25), Name = "Christmas Day" },
                new Holiday { Date = NthWeekday(year, 9, IsoDayOfWeek.Monday, 1), Name = "Labor Day" });
        }

        // The county served warrants under a WSO agreement until five months ago, then moved to the Jail Enforcement
        // Model: the year's statistics show both.
        db.Agreements.AddRange(
            new AgreementRecord { Id = "MOA-2019-WSO", Model = "WSO", Effective = new LocalDate(2019, 10, 15), Ends = JemStarts(today).PlusDays(-1) },
            new AgreementRecord { Id = "MOA-JEM-" + JemStarts(today).Year, Model = "JEM", Effective = JemStarts(today), Ends = null });

        LocalDate Completed(int monthsAgo) => today.PlusMonths(-monthsAgo);
        var walsh = Officer("dso-5", "Dep. Erin Walsh", "designated-officer", ("JEM", Completed(16), Completed(16).PlusYears(2)));
        var revocation = walsh.Certifications[0];
        revocation.Revoked = RevokedOn(today);
        revocation.RevocationLetterNumber = $"FOD-R-{revocation.Revoked:uuuu}-017";
        revocation.RevokedBy = "Field Office Director R. Delgado";
        db.Officers.AddRange(
            Officer("dso-1", "Dep. Alicia Moreno", "designated-officer", ("JEM", Completed(14), Completed(14).PlusYears(2)), ("WSO", Completed(30), Completed(30).PlusYears(3))),
            Officer("dso-2", "Dep. Ben Carter", "designated-officer", ("JEM", Completed(26), Completed(26).PlusYears(2).PlusDays(-30))),
            Officer("dso-3", "Dep. Chloe Nguyen", "designated-officer", ("JEM", Completed(23), today.PlusDays(21))),
            Officer("dso-4", "Dep. Dario Silva", "designated-officer", ("JEM", Completed(20), Completed(20).PlusYears(2)), ("WSO", Completed(30), Completed(30).PlusYears(3))),
            walsh,
            Officer("ice-1", "Officer Frank Ito (ICE ERO)", "ice-officer"),
            Officer("ice-2", "Officer Grace Osei (ICE ERO)", "ice-officer"),
            Officer("sup-1", "SDDO Helen Park (ICE)", "ice-supervisor"),
            Officer("sup-2", "SDDO Ivan Petrov (ICE)", "ice-supervisor"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The day the JEM agreement took over from the WSO agreement.</summary>
    private static LocalDate JemStarts(LocalDate today) => today.PlusMonths(-5);

    /// <summary>Dep. Walsh's designation was revoked by letter three months ago; she stops acting on cases from then.</summary>
    private static LocalDate RevokedOn(LocalDate today) => today.PlusMonths(-3);

    private static OfficerRecord Officer(string id, string name, string kind, params (string Model, LocalDate Completed, LocalDate Expires)[] certifications) => new()
    {
        Id = id,
        Name = name,
        Kind = kind,
        Certifications = [.. certifications.Select(c => new CertificationRecord
        {
            Model = c.Model,
            Completed = c.Completed,
            Expires = c.Expires,
            // The Field Office Director's authorization letter follows the training by a week or two.
            LetterNumber = $"70-006-{c.Completed:uuuu}-{id.ToUpperInvariant()}",
            LetterDate = c.Completed.PlusDays(10),
            LetterSignedBy = "Field Office Director R. Delgado",
        })],
    };

    private async Task<IReadOnlyList<DemoSignIn>> CreateUsersAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        (string User, string Name, string Role, string? Officer, string Description)[] people =
        [
            ("moreno", "Dep. Alicia Moreno", Roles.DesignatedOfficer, "dso-1", "designated officer (JEM certified)"),
            ("nguyen", "Dep. Chloe Nguyen", Roles.DesignatedOfficer, "dso-3", "designated officer, certification expiring"),
            ("ito", "Officer Frank Ito", Roles.IceOfficer, "ice-1", "ICE officer"),
            ("park", "SDDO Helen Park", Roles.IceSupervisor, "sup-1", "ICE supervisor"),
            ("records", "Sam Records", Roles.JailStaff, null, "jail records / release staff"),
            ("manager", "Lt. Pat Manager", Roles.ProgramManager, null, "287(g) program manager"),
            ("auditor", "Avery Auditor", Roles.Auditor, null, "auditor (read-only)"),
            ("admin", "Jail IT Admin", Roles.Administrator, null, "administrator"),
        ];
        var signIns = new List<DemoSignIn>();
        foreach (var p in people)
        {
            // Each account its own password, and its second factor already enrolled: `./liaison demo totp USER`
            // shows the code a phone would.
            // Drawn again in the rare case the draw is one the rules refuse (all digits leaves "demo", a common password).
            string password;
            do
            {
                password = "demo-" + System.Security.Cryptography.RandomNumberGenerator.GetHexString(12, lowercase: true);
            }
            while (PasswordRules.Problem(password, p.User, p.Name) is not null);

            var created = await accounts.CreateAsync(p.User, p.Name, p.Role, p.Officer, password, ct);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Creating demo user failed: " + string.Join("; ", created.Problems.Select(e => e.Message)));
            }

            await accounts.EnrolForDemoAsync((await accounts.FindAsync(p.User))!, ct);
            signIns.Add(new DemoSignIn(p.User, password, p.Role, p.Description));
        }

        ct.ThrowIfCancellationRequested();
        return signIns;
    }

    /// <summary>
    /// The screening officers' work on the people still in jail: a booking whose fingerprints came back with nothing
    /// for the agreement to do (no DHS record, or lawful status on record) is screened "no action" within a day of the
    /// answer; a match waits for its interview, a few are referred to ICE instead; of today's bookings still waiting,
    /// some are assigned. Each entry goes through <see cref="CustodyService.ScreenAsync"/>, dated when it was made, as
    /// an officer's would be. (People already released left the queue with their custody and are not screened after.)
    /// </summary>
    private async Task ScreenAsync(Instant now, CancellationToken ct)
    {
        var biometric = Codes.Of(CustodyAction.BiometricResponse);
        var answers = await (from b in db.Bookings
                             where b.AwaitingScreening && b.DhsResult != null
                             join e in db.CustodyEvents on b.Id equals e.BookingId
                             where e.Action == biometric && e.Accepted
                             orderby b.BookedAt, b.Id, e.Sequence
                             select new { b.Id, b.BirthCountry, e.At, e.StepJson }).ToListAsync(ct);
        var random = new Random(2871);
        var screeners = new[] { "dso-1", "dso-3", "dso-4" };
        foreach (var answer in answers.GroupBy(a => a.Id).Select(g => g.Last()))
        {
            var response = (BiometricResponse)StepJson.Read(answer.StepJson);
            var officer = Pick(random, screeners);
            var nothingToDo = response.Result == BiometricResult.NoMatch || response.RecordStatus == RecordStatus.LawfulStatus;
            ScreeningEntry entry;
            if (nothingToDo)
            {
                var note = response.Result == BiometricResult.NoMatch
                    ? answer.BirthCountry == "US" ? "No DHS record; born in the United States per the booking record." : "No DHS record for these fingerprints and nothing else indicating removability."
                    : "DHS reports lawful status; nothing for the agreement to do.";
                entry = new ScreeningDecision(answer.At + Duration.FromMinutes(120 + random.Next(18 * 60)), officer, ScreeningOutcome.NoAction, note);
            }
            else if (response.RecordStatus != RecordStatus.UsCitizen && random.NextDouble() < 0.2)
            {
                entry = new ScreeningDecision(answer.At + Duration.FromMinutes(60 + random.Next(5 * 60)), officer, ScreeningOutcome.Referred, "Referred to the ICE ERO duty officer for review.");
            }
            else
            {
                entry = new ScreeningAssignment(answer.At + Duration.FromMinutes(10 + random.Next(60)), officer, officer);
            }

            if (entry.At > now)
            {
                // Not screened yet: about a third of those already have an officer who took them.
                if (random.NextDouble() >= 0.3)
                {
                    continue;
                }

                entry = new ScreeningAssignment(answer.At + ((now - answer.At) * random.NextDouble()), officer, officer);
            }

            var result = await custody.ScreenAsync(answer.Id, _ => entry, new ActingAs(officer, "demo"), ct);
            if (result.Kind != EntryResultKind.Recorded)
            {
                throw new InvalidOperationException($"The demo's screening of {answer.Id} could not be stored: {result.Kind} {result.Reason}");
            }
        }
    }

    /// <summary>
    /// The jail's consular record for the foreign nationals it still holds: told of the right within hours of booking
    /// (a few still waiting on today's bookings), about one in twelve asking for their consulate; the consulate told within
    /// two days for those and for every national of a mandatory-notification country. Each entry goes through
    /// <see cref="CustodyService.RecordConsularAsync"/>, dated when it was made (never before the record's last entry).
    /// </summary>
    /// <summary>
    /// A few complaints from the public, filed today through the form's own service and worked to different stages,
    /// so that the staff pages, the status page and the clocks have something to show.
    /// </summary>
    private async Task ComplaintsAsync(CancellationToken ct)
    {
        (string Language, string Narrative, string? Email, int Stage)[] filed =
        [
            ("es", "En la admisión no me dieron copia de la solicitud de ICE y nadie me explicó qué era.", null, 0),
            ("en", "The deputy at intake mocked my accent and refused to call an interpreter for my father.", "family@example.org", 1),
            ("vi", "Tôi không được gọi điện cho lãnh sự quán khi bị giữ.", null, 2),
            ("en", "My brother was held two days after his bond was posted; nobody could tell us why.", "relative@example.org", 3),
            ("ht", "Ofisye a pa t ban mwen yon entèprèt kreyòl pandan entèvyou a.", null, 4),
        ];
        foreach (var (language, narrative, email, stage) in filed)
        {
            var (complaint, _, problems) = await complaints.FileAsync(new Complaints.ComplaintFiling(language, narrative, null, "County jail, intake", null, email, null), ct);
            if (complaint is null)
            {
                throw new InvalidOperationException("The demo's complaint was refused: " + string.Join(" ", problems));
            }

            var steps = new List<Func<Instant, Domain.Complaints.ComplaintEntry>>();
            if (stage >= 1)
            {
                steps.Add(at => new Domain.Complaints.ComplaintAssigned(at, "manager", "manager"));
                steps.Add(at => new Domain.Complaints.ComplaintReferred(at, "manager", Domain.Complaints.ReferralBody.Ice, "ERO-OPR-" + complaint.Id));
            }

            if (stage >= 2)
            {
                steps.Add(at => new Domain.Complaints.InvestigationStarted(at, "manager"));
            }

            if (stage >= 3)
            {
                steps.Add(at => new Domain.Complaints.FindingRecorded(at, "manager", stage == 3 ? Domain.Complaints.ComplaintFinding.Sustained : Domain.Complaints.ComplaintFinding.NotSustained,
                    "Reviewed the intake video and the release desk's log."));
                steps.Add(at => new Domain.Complaints.ComplaintReferred(at, "manager", Domain.Complaints.ReferralBody.Ice, "ERO-OPR-" + complaint.Id, Results: true));
            }

            if (stage >= 4)
            {
                steps.Add(at => new Domain.Complaints.ComplaintClosed(at, "manager"));
            }

            foreach (var step in steps)
            {
                var result = await complaints.RecordAsync(complaint.Id, step, ct);
                if (result.Kind != Complaints.ComplaintResultKind.Recorded)
                {
                    throw new InvalidOperationException("The demo's complaint entry was refused: " + result.Reason);
                }
            }
        }
    }

    /// <summary>
    /// The police's monthly counts of reported crimes by victim ethnicity (synthetic: from three years before the first
    /// agreement to last month, seasonal, with reports by Hispanic victims 15% lower from the agreement on), imported as
    /// the program manager would, so that the crime-reporting indicator has something to estimate.
    /// </summary>
    private async Task CrimeReportsAsync(LocalDate today, CancellationToken ct)
    {
        var first = await db.Agreements.OrderBy(a => a.Effective).Select(a => a.Effective).FirstAsync(ct);
        var start = new YearMonth(first.Year, first.Month);
        var random = new Random(2019);
        var csv = new System.Text.StringBuilder("month,victim_ethnicity,count\n");
        for (var m = start.PlusMonths(-36); m < new YearMonth(today.Year, today.Month); m = m.PlusMonths(1))
        {
            var season = 1 + (0.12 * Math.Sin(2 * Math.PI * (m.Month - 3) / 12));
            var hispanic = 70 * season * (m >= start ? 0.85 : 1) * (1 + ((random.NextDouble() - 0.5) * 0.2));
            var other = 420 * season * (1 + ((random.NextDouble() - 0.5) * 0.12));
            var month = NodaTime.Text.YearMonthPattern.Iso.Format(m);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{month},H,{Math.Round(hispanic)}\n{month},N,{Math.Round(other)}\n{month},U,{random.Next(5, 30)}\n");
        }

        var result = await crimeReports.ImportAsync("police-monthly-counts.csv", System.Text.Encoding.UTF8.GetBytes(csv.ToString()), "manager", ct);
        if (result.Import is null)
        {
            throw new InvalidOperationException("The demo's crime counts were refused: " + string.Join(" ", result.Problems));
        }
    }

    /// <summary>
    /// The community trust survey (synthetic): the county's population margins, and a round every six months over the
    /// last two years (this month's still open), each with 300 printed invitations of which about 110 are answered,
    /// through the same service as the public form. Older people and non-Hispanic residents answer more often than they
    /// are in the population (so the weighting has work to do), and Hispanic residents' answers grow less favourable
    /// from round to round.
    /// </summary>
    private async Task SurveyAsync(LocalDate today, CancellationToken ct)
    {
        var margins = "dimension,category,population\nage,18-34,41200\nage,35-54,45800\nage,55-plus,47000\nsex,female,68300\nsex,male,65700\n"
            + "ethnicity,hispanic,50900\nethnicity,not-hispanic,83100\nlanguage,english,86500\nlanguage,spanish,40200\nlanguage,other,7300\n";
        if ((await surveys.ImportMarginsAsync("census-adults.csv", System.Text.Encoding.UTF8.GetBytes(margins), "manager", ct)).Import is null)
        {
            throw new InvalidOperationException("The demo's population margins were refused.");
        }

        var thisMonth = new YearMonth(today.Year, today.Month);
        var random = new Random(2021);
        string Pick(params (string Category, double Share)[] shares)
        {
            var draw = random.NextDouble();
            foreach (var (category, share) in shares)
            {
                if ((draw -= share) < 0)
                {
                    return category;
                }
            }

            return shares[^1].Category;
        }

        var months = Enumerable.Range(0, 5).Select(i => thisMonth.PlusMonths(-24 + (6 * i))).ToList();
        foreach (var month in months)
        {
            var label = NodaTime.Text.YearMonthPattern.Iso.Format(month);
            var (round, _) = await surveys.OpenRoundAsync($"{(month.Month is 12 or <= 2 ? "Winter" : month.Month <= 5 ? "Spring" : month.Month <= 8 ? "Summer" : "Autumn")} {month.Year}", label, "manager", ct);
            var (codes, _) = await surveys.IssueBatchAsync(round!.Id, 300, Trust.SurveyService.Print, "manager", ct);
            var drift = -0.15 * months.IndexOf(month);
            foreach (var code in codes.Take(100 + random.Next(20)))
            {
                var hispanic = random.NextDouble() < 0.28;
                var english = random.NextDouble() < (hispanic ? 0.45 : 0.93);
                var shift = hispanic ? drift : 0;
                string? Item(double mean) => random.NextDouble() < 0.08 ? null
                    : Math.Clamp((int)Math.Round(mean + shift + ((random.NextDouble() + random.NextDouble() - 1) * 2.2)), 1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
                string? Declined(string value) => random.NextDouble() < 0.04 ? null : value;
                var items = new Dictionary<string, string?>
                {
                    ["pj-fair"] = Item(3.5),
                    ["pj-respect"] = Item(3.7),
                    ["pj-explain"] = Item(3.2),
                    ["pj-equal"] = Item(3.3),
                    ["wr-victim"] = Item(4.2),
                    ["wr-witness"] = Item(3.9),
                    ["wr-immigration"] = Item(hispanic ? 3.4 : 4.0),
                };
                var profile = new Dictionary<string, string?>
                {
                    ["age"] = Declined(Pick(("18-34", 0.2), ("35-54", 0.33), ("55-plus", 0.47))),
                    ["sex"] = Declined(Pick(("female", 0.55), ("male", 0.45))),
                    ["ethnicity"] = Declined(hispanic ? "hispanic" : "not-hispanic"),
                    ["language"] = Declined(english ? "english" : hispanic ? "spanish" : "other"),
                };
                var problems = await surveys.RespondAsync(new Trust.SurveySubmission(code, hispanic && !english ? "es" : "en", items, profile), ct);
                if (problems.Count > 0)
                {
                    throw new InvalidOperationException("A demo survey answer was refused: " + problems[0].English);
                }
            }

            if (month < thisMonth)
            {
                await surveys.CloseRoundAsync(round.Id, "manager", ct);
            }
        }
    }

    private async Task ConsularAsync(Instant now, CancellationToken ct)
    {
        var owed = await db.Bookings.AsNoTracking().Where(b => b.ConsularDue != null && b.ReleasedAt == null && b.TransferredAt == null)
            .OrderBy(b => b.BookedAt).ThenBy(b => b.Id)
            .Select(b => new { b.Id, b.BookedAt, b.CitizenshipCountry, Last = db.CustodyEvents.Where(e => e.BookingId == b.Id).Max(e => e.At) })
            .ToListAsync(ct);
        var random = new Random(2872);
        string[] recorders = ["records", "dso-1", "dso-3", "dso-4"];
        foreach (var booking in owed)
        {
            var by = Pick(random, recorders);
            var acting = by == "records" ? new ActingAs("jms", "records") : new ActingAs(by, "demo");
            var advisedAt = Instant.Max(booking.Last, booking.BookedAt + Duration.FromMinutes(30 + random.Next(6 * 60)));
            if (advisedAt > now)
            {
                continue; // booked within the last hours: still to be told
            }

            var asks = random.NextDouble() < 0.08;
            await RecordConsularAsync(booking.Id, new ConsularAdvisal(advisedAt, acting.Actor, asks), acting, ct);
            var toldAt = advisedAt + Duration.FromMinutes(60 + random.Next(47 * 60));
            if ((asks || Domain.Consular.MandatoryNotification.IsMandatory(booking.CitizenshipCountry)) && toldAt <= now)
            {
                var post = Consulates.TryGetValue(booking.CitizenshipCountry ?? "", out var consulate) ? consulate : $"Consulate ({booking.CitizenshipCountry})";
                await RecordConsularAsync(booking.Id, new ConsularNotice(toldAt, acting.Actor, Pick(random, ConsularMethod.Fax, ConsularMethod.Email, ConsularMethod.Portal), post, $"C-{random.Next(10_000, 99_999)}"), acting, ct);
            }
        }
    }

    private async Task RecordConsularAsync(string bookingId, ConsularEntry entry, ActingAs acting, CancellationToken ct)
    {
        var result = await custody.RecordConsularAsync(bookingId, _ => entry, acting, ct);
        if (result.Kind != EntryResultKind.Recorded)
        {
            throw new InvalidOperationException($"The demo's consular record of {bookingId} could not be stored: {result.Kind} {result.Reason}");
        }
    }

    private async Task RecordAsync(IReadOnlyList<Submission> history, CancellationToken ct)
    {
        var results = await custody.ApplyAsync(history, ct);
        if (results.FirstOrDefault(r => r.Kind == StepResultKind.Conflict) is { } conflict)
        {
            throw new InvalidOperationException($"The demo history could not be stored: {conflict.Reason}");
        }
    }

    /// <summary>One person's booking and what happened to them, as submissions in time order (history: dated at each step).</summary>
    private static IEnumerable<Submission> BookingHistory(CustodyWorld world, Random random, int index, Instant bookedAt, Instant now)
    {
        var id = $"B{bookedAt.InZone(world.Zone).Year}-{index + 1:000000}";
        var person = Person(random, index, id);

        // A story's branches are written per person; the engine needs them in time order (authority that
        // comes after eligibility is then the late-authority case of rule 5, as in real life).
        var steps = Story(random, id, person, bookedAt, now, world).OrderBy(s => s.At).ToList();
        // Entered as if officers had entered it: each step by its actor, on behalf of the demo.
        return steps.Select(step => new Submission(step, new ActingAs(step.Actor!, Domain.Officers.ActorPermissions.IsSystemActor(step.Actor!) ? null : "demo"))
        {
            Person = step is Book ? person : null,
            IsHistory = true,
        });
    }

    /// <summary>
    /// One person of the county as the jail records them at booking number <paramref name="index"/>: birth country and
    /// language, charges, names, date of birth, citizenship, an A-number for some of the foreign-born. Shared by the demo
    /// database and the demo feed file, so both have the same mix.
    /// </summary>
    internal static NewBooking Person(Random random, int index, string id)
    {
        var (birth, language) = Birth(random);
        var usCitizenByBirth = birth == "US";
        var charges = Enumerable.Range(0, 1 + (random.NextDouble() < 0.35 ? 1 : 0) + (random.NextDouble() < 0.1 ? 1 : 0))
            .Select(_ => PickCharge(random)).DistinctBy(c => c.Code).ToList();
        var personId = $"P{random.Next(1, Math.Max(2, index * 3 / 4 + 2)):000000}";
        var lastName = LastNames[random.Next(LastNames.Length)];
        var firstName = FirstNames[random.Next(FirstNames.Length)];
        var dateOfBirth = new LocalDate(1950, 1, 1).PlusDays(random.Next(0, 365 * 55));
        var citizenship = usCitizenByBirth ? "US" : random.NextDouble() < 0.2 ? "US" : birth;
        var aNumber = !usCitizenByBirth && random.NextDouble() < 0.5 ? $"A{random.Next(100_000_000, 999_999_999)}" : null;
        return new NewBooking(id, personId, lastName, firstName, dateOfBirth, aNumber, birth, citizenship, language, charges);
    }

    /// <summary>What happens to one person, as steps in time order, none after now.</summary>
    private static List<CustodyStep> Story(Random random, string id, NewBooking person, Instant bookedAt, Instant now, CustodyWorld world)
    {
        var steps = new List<CustodyStep>();
        void Add(CustodyStep step)
        {
            if (step.At <= now)
            {
                steps.Add(step);
            }
        }

        Add(new Book(bookedAt, "jms", person.Details));
        var foreignBorn = person.BirthCountry != "US";
        var stay = Duration.FromHours(random.NextDouble() < 0.55 ? 4 + random.Next(30) : 24 + random.Next(24 * 40));
        var eligible = bookedAt + stay;
        var t = bookedAt + Duration.FromMinutes(20 + random.Next(90));

        // Fingerprints reach IDENT for everyone; a match is a lead, mostly for the foreign-born.
        var match = foreignBorn ? random.NextDouble() < 0.55 : random.NextDouble() < 0.004;
        if (t < eligible)
        {
            var status = match
                ? (foreignBorn ? Pick(random, RecordStatus.NoLawfulStatus, RecordStatus.NoLawfulStatus, RecordStatus.FinalOrder, RecordStatus.InProceedings, RecordStatus.LawfulStatus) : RecordStatus.UsCitizen)
                : (RecordStatus?)null;
            Add(new BiometricResponse(t, "dhs", id, match ? BiometricResult.Match : BiometricResult.NoMatch, status));
            if (!match || status == RecordStatus.LawfulStatus)
            {
                AddRelease(random, id, eligible, now, Add);
                return steps;
            }

            if (status == RecordStatus.UsCitizen)
            {
                // A database record says citizen: the review is opened by the engine and resolved on evidence.
                Add(new ResolveCitizenship(t + Duration.FromHours(3), "sup-1", id, CitizenshipFinding.UsCitizen, "US birth certificate verified with the state vital records office"));
                AddRelease(random, id, eligible, now, Add);
                return steps;
            }

            if (world.Jurisdiction.LocalDateOf(t) < JemStarts(world.Jurisdiction.LocalDateOf(now)))
            {
                // Under the WSO agreement deputies do not interview or lodge: ICE lodges, a WSO-certified deputy serves.
                if (random.NextDouble() < 0.5 || t + Duration.FromHours(8) >= eligible)
                {
                    AddRelease(random, id, eligible, now, Add);
                    return steps;
                }

                var ice = Pick(random, "ice-1", "ice-2");
                var wsoBases = ProbableCauseBasisSet.Of([status == RecordStatus.FinalOrder ? ProbableCauseBasis.FinalOrder : ProbableCauseBasis.BiometricAndRecords]);
                Add(new LodgeDetainer(t + Duration.FromHours(2), ice, id, wsoBases, new Warrant(WarrantForm.I200, $"W{random.Next(1_000_000, 9_999_999)}", Pick(random, "sup-1", "sup-2"))));
                Add(new ServeDetainer(t + Duration.FromHours(3), Pick(random, "dso-1", "dso-4"), id));
                t += Duration.FromHours(3);
            }
            else
            {
                // Screening: a designated officer interviews during the next shift (unless it is still pending today).
                var interviewAt = t + Duration.FromHours(2 + random.Next(14));
                var officer = random.NextDouble() < 0.04 ? "dso-2" : Pick(random, "dso-1", "dso-3", "dso-4", "dso-5");
                if (officer == "dso-5" && world.Jurisdiction.LocalDateOf(interviewAt) >= RevokedOn(world.Jurisdiction.LocalDateOf(now)))
                {
                    officer = "dso-4"; // Dep. Walsh's designation was revoked: her cases went to Dep. Silva
                }

                // A lapsed officer's interview is refused and a colleague's follows half an hour later: both, or
                // neither yet (a refused interview left last in the record would come before the screening that follows).
                var lapsed = officer == "dso-2";
                var interviewed = lapsed ? interviewAt + Duration.FromMinutes(30) : interviewAt;
                if (interviewed >= eligible || interviewed > now)
                {
                    AddRelease(random, id, eligible, now, Add);
                    return steps;
                }

                var claimsCitizenship = random.NextDouble() < 0.03;
                var interpreter = person.Language is "en" or null
                    ? new InterpreterRecord("Do you need an interpreter to understand these questions and your rights?", "No", false, null)
                    : new InterpreterRecord("Do you need an interpreter to understand these questions and your rights?", "Yes", true, $"Language line interpreter ({person.Language})");
                Add(new Interview(interviewAt, officer, id, person.Language, ["rights", "consular"], claimsCitizenship ? InterviewClaim.UsCitizen : Pick(random, InterviewClaim.ForeignNational, InterviewClaim.ForeignNational, InterviewClaim.Declined)) { Interpreter = interpreter });
                if (lapsed)
                {
                    officer = "dso-1"; // the lapsed officer was refused; a colleague picks the case up
                    interviewAt = interviewed;
                    Add(new Interview(interviewAt, officer, id, person.Language, ["rights", "consular"], claimsCitizenship ? InterviewClaim.UsCitizen : InterviewClaim.ForeignNational));
                }

                t = interviewAt + Duration.FromMinutes(30);
                if (claimsCitizenship)
                {
                    // The agreement gives an hour to tell ICE of a claim; most are told within it, a few late.
                    TellIce(random, id, officer, IceDutyKind.CitizenshipClaim, interviewAt, random.NextDouble() < 0.1 ? Duration.FromMinutes(70 + random.Next(60)) : Duration.FromMinutes(5 + random.Next(50)), eligible, Add);
                    var citizen = random.NextDouble() < 0.4;
                    Add(new ResolveCitizenship(t + Duration.FromHours(4), "sup-1", id, citizen ? CitizenshipFinding.UsCitizen : CitizenshipFinding.NotUsCitizen,
                        citizen ? "Certificate of citizenship verified with USCIS" : "Foreign passport and consular confirmation"));
                    t += Duration.FromHours(5);
                    if (citizen)
                    {
                        AddRelease(random, id, eligible, now, Add);
                        return steps;
                    }
                }

                if (t >= eligible)
                {
                    AddRelease(random, id, eligible, now, Add); // released on the local charges before ICE was asked for anything
                    return steps;
                }

                var basis = status switch
                {
                    RecordStatus.FinalOrder => ProbableCauseBasis.FinalOrder,
                    RecordStatus.InProceedings => ProbableCauseBasis.PendingProceedings,
                    _ => ProbableCauseBasis.BiometricAndRecords,
                };
                var bases = ProbableCauseBasisSet.Of([basis, ProbableCauseBasis.StatementsAndEvidence]);
                var warrant = new Warrant(status == RecordStatus.FinalOrder ? WarrantForm.I205 : WarrantForm.I200, $"W{random.Next(1_000_000, 9_999_999)}", Pick(random, "sup-1", "sup-2"));
                var request = random.NextDouble();
                if (request < 0.18)
                {
                    // The ICE office is covered by the Gonzalez settlement (I-247G only), or asked only for notice (I-247N):
                    // a request to be told before release, never a hold. Now and then an officer first tries to lodge it.
                    var notice = request < 0.14 ? DetainerForm.I247G : DetainerForm.I247N;
                    if (request < 0.02)
                    {
                        Add(new LodgeDetainer(t, officer, id, bases, warrant, notice)); // refused: notification-only-request
                        t += Duration.FromMinutes(5);
                    }

                    Add(new RequestNotification(t, officer, id, notice));
                    if (eligible > t + Duration.FromHours(6))
                    {
                        Add(new ReleaseScheduled(t + Duration.FromHours(1), "jms", id, eligible));
                    }

                    AddRelease(random, id, eligible, now, Add);
                    return steps;
                }

                Add(new LodgeDetainer(t, officer, id, bases, warrant));
                // 24 hours to tell ICE of a designated officer's detainer: usually within the shift, a few late.
                TellIce(random, id, officer, IceDutyKind.Detainer, t, random.NextDouble() < 0.04 ? Duration.FromHours(25 + random.Next(15)) : Duration.FromMinutes(20 + random.Next(6 * 60)), eligible, Add);
                t += Duration.FromMinutes(10 + random.Next(50));
                Add(new ServeDetainer(t, officer, id));
            }

            if (eligible > t + Duration.FromHours(6))
            {
                Add(new ReleaseScheduled(t + Duration.FromHours(1), "jms", id, eligible));
            }
        }

        var lodged = steps.Any(s => s is ServeDetainer);
        if (eligible > now)
        {
            return steps; // still in jail on local charges
        }

        Add(new ReleaseEligible(eligible, "jms", id, Pick(random, "bond-posted", "time-served", "charges-dismissed", "sentence-complete")));
        if (!lodged)
        {
            AddRelease(random, id, eligible, now, Add, alreadyEligible: true);
            return steps;
        }

        // ICE usually collects inside the hold, at any hour of it; sometimes the detainer is lifted, mostly while the
        // person is still held on local charges; rarely the hold ends before the person goes. Those last are the
        // county's few over-detention incidents: minutes to hours, each over and closed by now.
        var roll = random.NextDouble();
        var window = world.Jurisdiction.HoldWindowFrom(eligible);
        var servedAt = steps.Last(s => s is ServeDetainer).At;
        var pickup = eligible + Duration.FromMinutes(60 + random.Next(46 * 60));
        if (roll < 0.04 && eligible - servedAt > Duration.FromHours(2))
        {
            Add(new LiftDetainer(servedAt + ((eligible - servedAt) * random.NextDouble()), Pick(random, "ice-1", "ice-2"), id, LiftReason(random)));
            Add(new Release(eligible + Duration.FromMinutes(15 + random.Next(100)), "jms", id));
        }
        else if (roll < 0.06 && eligible + Duration.FromHours(2 + random.Next(10)) is var lift && lift + Duration.FromMinutes(40) < now)
        {
            Add(new LiftDetainer(lift, Pick(random, "ice-1", "ice-2"), id, LiftReason(random)));
            Add(new Release(lift + Duration.FromMinutes(10 + random.Next(30)), "jms", id)); // the release desk's minutes count
        }
        else if (roll < 0.067 && window is { } w && w.End + Duration.FromHours(4) < now)
        {
            Add(new Release(w.End + Duration.FromMinutes(10 + random.Next(4 * 60 - 10)), "jms", id)); // ICE did not come
        }
        else
        {
            Add(new AssumeCustody(pickup, Pick(random, "ice-1", "ice-2"), id));
        }

        return steps;
    }

    /// <summary>
    /// The officer tells ICE <paramref name="after"/> the duty arose, while the person is still held on local charges;
    /// later than that the duty ends with custody (and the overdue alert stands).
    /// </summary>
    private static void TellIce(Random random, string id, string officer, IceDutyKind about, Instant arose, Duration after, Instant eligible, Action<CustodyStep> add)
    {
        var at = arose + after;
        if (at < eligible)
        {
            add(new NotifyIce(at, officer, id, about)
            {
                Notice = new IceNotice(Pick(random, NoticeMethod.Phone, NoticeMethod.Email, NoticeMethod.Enforce), Pick(random, "SDDO Helen Park", "SDDO Ivan Petrov", "ERO duty officer"), $"N-{random.Next(100_000, 999_999)}"),
            });
        }
    }

    private static string LiftReason(Random random) =>
        Pick(random, LiftReasons.IceCancelled, LiftReasons.IceCancelled, LiftReasons.IceCancelled, LiftReasons.IdentityMismatch, LiftReasons.LawfulStatus, LiftReasons.CourtOrder);

    private static void AddRelease(Random random, string id, Instant eligible, Instant now, Action<CustodyStep> add, bool alreadyEligible = false)
    {
        if (eligible > now)
        {
            return;
        }

        if (!alreadyEligible)
        {
            add(new ReleaseEligible(eligible, "jms", id, Pick(random, "bond-posted", "time-served", "charges-dismissed", "sentence-complete")));
        }

        add(new Release(eligible + Duration.FromMinutes(15 + random.Next(100)), "jms", id));
    }

    private static (string Country, string Language) Birth(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (country, share, language) in ForeignBirth)
        {
            if (roll < share)
            {
                return (country, language);
            }

            roll -= share;
        }

        return ("US", "en");
    }

    private static Charge PickCharge(Random random)
    {
        var total = ChargeMix.Sum(c => c.Weight);
        var roll = random.Next(total);
        foreach (var c in ChargeMix)
        {
            if (roll < c.Weight)
            {
                return new Charge(c.Code, c.Description, c.Level, ChargeStatuses[random.Next(ChargeStatuses.Length)]);
            }

            roll -= c.Weight;
        }

        throw new InvalidOperationException("unreachable");
    }

    internal static T Pick<T>(Random random, params T[] items) => items[random.Next(items.Length)];

    private static LocalDate NthWeekday(int year, int month, IsoDayOfWeek day, int n)
    {
        var first = new LocalDate(year, month, 1);
        var offset = ((int)day - (int)first.DayOfWeek + 7) % 7;
        return first.PlusDays(offset + (7 * (n - 1)));
    }
}
