using System.Globalization;
using System.Security.Cryptography;
using Liaison.Data.Audit;
using Liaison.Data.Feeds;
using Liaison.Data.Persistence;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Liaison.Domain.Statistics;
using Liaison.Domain.Trust;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Trust;

/// <summary>What a respondent sent: the invitation's code as typed, the form's language, each item's answer and each characteristic (null or empty: not answered).</summary>
public sealed record SurveySubmission(string? Code, string Language, IReadOnlyDictionary<string, string?> Items, IReadOnlyDictionary<string, string?> Profile);

/// <summary>Why a response was refused: a key for the texts (<c>survey.problem.{Key}</c>), the English, and the item or characteristic it names.</summary>
public sealed record SurveyProblem(string Key, string English, string Field = "");

/// <summary>A round with how far it has got: invitations issued, and responses (each spends one invitation, in the same transaction).</summary>
public sealed record SurveyRoundSummary(SurveyRoundRecord Round, int Issued, int Responses);

/// <summary>Every round (latest first), the margins that weight them, and the month the agreement began (for the trend).</summary>
public sealed record SurveyOverview(IReadOnlyList<SurveyRoundSummary> Rounds, SurveyMarginImportRecord? MarginImport, IReadOnlyList<SurveyMargin> Margins, YearMonth? AgreementStart);

/// <summary>
/// The community trust survey (decision 0021; docs/statistics.md): rounds, invitations issued in batches as one-use
/// codes (shown once, kept only hashed, never linked to a person or to an answer), the public's responses, the
/// population margins the agency imports (CSV <c>dimension,category,population</c>) and the weighted results. Every
/// staff act is audited; a response is not (an audit line's time is the link the survey promises not to keep).
/// </summary>
public sealed class SurveyService(LiaisonDbContext db, IClock clock, AuditLog audit)
{
    public const string RoundOpenedAction = "survey.round-opened", RoundClosedAction = "survey.round-closed";
    public const string BatchAction = "survey.batch-issued", MarginsAction = "survey.margins-import";
    public const string Print = "print", Email = "e-mail";
    public const int MaxBatch = 2000, MaxMarginBytes = 64 * 1024, MaxMarginRows = 500;
    public static readonly IReadOnlyList<string> MarginColumns = ["dimension", "category", "population"];

    public async Task<(SurveyRoundRecord? Round, string? Problem)> OpenRoundAsync(string? name, string? month, string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        name = name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > SurveyRoundRecord.MaxName || PlainText.Problem(name) is not null)
        {
            return (null, $"Name: 1 to {SurveyRoundRecord.MaxName} characters of plain text, e.g. \"Autumn 2026\".");
        }

        var parsed = YearMonthPattern.Iso.Parse(month?.Trim() ?? "");
        if (!parsed.Success || parsed.Value.Year is < 2000 or > 2100)
        {
            return (null, "Month: the month the round is fielded in, written YYYY-MM.");
        }

        var formatted = YearMonthPattern.Iso.Format(parsed.Value);
        if (await db.SurveyRounds.AnyAsync(r => r.Month == formatted, ct))
        {
            return (null, $"Month: a round is already fielded in {formatted}; one round a month, so each is one period of the public figures.");
        }

        var round = new SurveyRoundRecord { Name = name, Month = formatted, OpenedAt = clock.GetCurrentInstant(), OpenedBy = actor };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SurveyRounds.Add(round);
        await db.SaveChangesAsync(ct);
        audit.Add(RoundOpenedAction, "survey", round.Id.ToString(CultureInfo.InvariantCulture), $"{name} ({formatted})", actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (round, null);
    }

    /// <summary>Closes a round: no more answers; its figures go into the next publication.</summary>
    public async Task<string?> CloseRoundAsync(int roundId, string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var round = await db.SurveyRounds.SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return "No such round.";
        }

        if (round.ClosedAt is not null)
        {
            return $"{round.Name} is closed already.";
        }

        round.ClosedAt = clock.GetCurrentInstant();
        round.ClosedBy = actor;
        audit.Add(RoundClosedAction, "survey", round.Id.ToString(CultureInfo.InvariantCulture), round.Name, actor);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return null;
    }

    /// <summary>Issues <paramref name="count"/> new codes for an open round; returns them (this is the only time they exist in clear) or why not.</summary>
    public async Task<(IReadOnlyList<string> Codes, string? Problem)> IssueBatchAsync(int roundId, int count, string channel, string actor, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (count is < 1 or > MaxBatch)
        {
            return ([], $"Count: 1 to {MaxBatch:N0} invitations in one batch.");
        }

        if (channel is not (Print or Email))
        {
            return ([], "Channel: print or e-mail.");
        }

        var round = await db.SurveyRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null || round.ClosedAt is not null)
        {
            return ([], round is null ? "No such round." : $"{round.Name} is closed: open a new round to invite more people.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count)
        {
            codes.Add(SurveyInstrument.Token.New());
        }

        var hashes = codes.ToDictionary(c => PublicCode.Hash(c), c => c, StringComparer.Ordinal);
        var taken = await db.SurveyTokens.Where(t => hashes.Keys.Contains(t.Hash)).Select(t => t.Hash).ToListAsync(ct);
        foreach (var hash in taken)
        {
            // 40 bits: a clash is vanishingly rare, but a code must never open someone else's invitation.
            hashes.Remove(hash);
            string fresh;
            do
            {
                fresh = SurveyInstrument.Token.New();
            }
            while (codes.Contains(fresh) || await db.SurveyTokens.AnyAsync(t => t.Hash == PublicCode.Hash(fresh), ct));
            hashes[PublicCode.Hash(fresh)] = fresh;
        }

        var batch = new SurveyBatchRecord { RoundId = roundId, Count = count, Channel = channel, IssuedAt = clock.GetCurrentInstant(), IssuedBy = actor };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SurveyBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        db.SurveyTokens.AddRange(hashes.Keys.Select(h => new SurveyTokenRecord { RoundId = roundId, BatchId = batch.Id, Hash = h }));
        audit.Add(BatchAction, "survey", round.Id.ToString(CultureInfo.InvariantCulture), $"batch {batch.Id}: {count} invitations to {channel}", actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return ([.. hashes.Values.Order(StringComparer.Ordinal)], null);
    }

    /// <summary>What is wrong with a response's answers (the code is checked when it is recorded).</summary>
    public static IReadOnlyList<SurveyProblem> Problems(SurveySubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var problems = new List<SurveyProblem>();
        if (!DocumentLanguage.Tags.Contains(submission.Language))
        {
            problems.Add(new("language", $"Language: \"{submission.Language}\" is not one of {string.Join(", ", DocumentLanguage.Tags)}."));
        }

        foreach (var (item, value) in submission.Items)
        {
            if (SurveyInstrument.Items.All(i => i.Id != item))
            {
                problems.Add(new("unknown", $"\"{Clip(item)}\" is not a question of this survey.", Clip(item)));
            }
            else if (value is { Length: > 0 } v && !(int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= SurveyInstrument.Lowest and <= SurveyInstrument.Highest))
            {
                problems.Add(new("answer", $"{item}: answer from {SurveyInstrument.Lowest} to {SurveyInstrument.Highest}, or leave it unanswered.", item));
            }
        }

        foreach (var (dimension, value) in submission.Profile)
        {
            if (SurveyInstrument.Dimension(dimension) is not { } d)
            {
                problems.Add(new("unknown", $"\"{Clip(dimension)}\" is not a question of this survey.", Clip(dimension)));
            }
            else if (value is { Length: > 0 } v && !d.Categories.Contains(v))
            {
                problems.Add(new("profile", $"{dimension}: one of {string.Join(", ", d.Categories)}, or leave it unanswered.", dimension));
            }
        }

        if (problems.Count == 0 && !submission.Items.Values.Any(v => v is { Length: > 0 }))
        {
            problems.Add(new("empty", "Answer at least one question."));
        }

        return problems;
    }

    /// <summary>
    /// Records a response if its code is a real, unused invitation to an open round: the code is spent and the answers
    /// stored in one transaction, the answers with nothing that points back to the code.
    /// </summary>
    public async Task<IReadOnlyList<SurveyProblem>> RespondAsync(SurveySubmission submission, CancellationToken ct = default)
    {
        var problems = Problems(submission);
        if (problems.Count > 0)
        {
            return problems;
        }

        if (SurveyInstrument.Token.Normalize(submission.Code) is not { } code)
        {
            return [new("code", "Code: the code on your invitation, such as TS-7F3K-9Q2M.")];
        }

        var hash = PublicCode.Hash(code);
        var token = await db.SurveyTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => new { t.RoundId, t.Used, Closed = db.SurveyRounds.Where(r => r.Id == t.RoundId).Select(r => r.ClosedAt).Single() }).SingleOrDefaultAsync(ct);
        if (token is null)
        {
            return [new("code", "Code: the code on your invitation, such as TS-7F3K-9Q2M.")];
        }

        if (token.Closed is not null)
        {
            return [new("closed", "This round of the survey has closed; thank you.")];
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Spent only if still unspent: two answers sent at once with one code cannot both count.
        if (await db.SurveyTokens.Where(t => t.Hash == hash && !t.Used).ExecuteUpdateAsync(s => s.SetProperty(t => t.Used, true), ct) != 1)
        {
            return [new("used", "This code has been used already: each invitation counts once.")];
        }

        string? Of(string dimension) => submission.Profile.GetValueOrDefault(dimension) is { Length: > 0 } v ? v : null;
        var response = new SurveyResponseRecord
        {
            RoundId = token.RoundId,
            Language = submission.Language,
            Age = Of("age"),
            Sex = Of("sex"),
            Ethnicity = Of("ethnicity"),
            HomeLanguage = Of("language"),
        };
        db.SurveyResponses.Add(response);
        await db.SaveChangesAsync(ct);
        db.SurveyAnswers.AddRange(submission.Items.Where(p => p.Value is { Length: > 0 })
            .Select(p => new SurveyAnswerRecord { ResponseId = response.Id, Item = p.Key, Value = int.Parse(p.Value!, CultureInfo.InvariantCulture) }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return [];
    }

    public async Task<SurveyOverview> OverviewAsync(CancellationToken ct = default)
    {
        var rounds = await db.SurveyRounds.AsNoTracking().OrderByDescending(r => r.Month).ToListAsync(ct);
        var issued = await db.SurveyBatches.AsNoTracking().GroupBy(b => b.RoundId).Select(g => new { g.Key, Count = g.Sum(b => b.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var responses = await db.SurveyResponses.AsNoTracking().GroupBy(r => r.RoundId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var (import, margins) = await MarginsAsync(ct);
        return new SurveyOverview(
            [.. rounds.Select(r => new SurveyRoundSummary(r, issued.GetValueOrDefault(r.Id), responses.GetValueOrDefault(r.Id)))],
            import, margins, await AgreementStart.MonthAsync(db, ct));
    }

    public Task<YearMonth?> AgreementStartAsync(CancellationToken ct = default) => AgreementStart.MonthAsync(db, ct);

    /// <summary>Every round's results, oldest first, for the trend (an open round's are provisional).</summary>
    public async Task<IReadOnlyList<(SurveyRoundRecord Round, SurveyResult Result)>> TrendAsync(int k, CancellationToken ct = default)
    {
        var rounds = await db.SurveyRounds.AsNoTracking().OrderBy(r => r.Month).ToListAsync(ct);
        var (_, margins) = await MarginsAsync(ct);
        var trend = new List<(SurveyRoundRecord, SurveyResult)>();
        foreach (var round in rounds)
        {
            trend.Add((round, SurveyAnalysis.Analyse(await AnswersAsync(round.Id, ct), margins, k)));
        }

        return trend;
    }

    /// <summary>
    /// The cells the publication of <paramref name="month"/> adds for the survey: every closed round fielded in or
    /// before it whose answers could be weighted (unweighted figures are not published).
    /// </summary>
    public async Task<IReadOnlyList<DisclosureCell>> PublicationCellsAsync(YearMonth month, int k, CancellationToken ct = default)
    {
        var last = YearMonthPattern.Iso.Format(month);
        return [.. (await TrendAsync(k, ct))
            .Where(r => r.Round.ClosedAt is not null && string.CompareOrdinal(r.Round.Month, last) <= 0 && r.Result.Weighted)
            .SelectMany(r => r.Result.Cells(r.Round.Month))];
    }

    private async Task<IReadOnlyList<SurveyAnswers>> AnswersAsync(int roundId, CancellationToken ct)
    {
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.RoundId == roundId).OrderBy(r => r.Id).ToListAsync(ct);
        var answers = (await db.SurveyAnswers.AsNoTracking().Where(a => db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.RoundId == roundId)).ToListAsync(ct))
            .ToLookup(a => a.ResponseId);
        return [.. responses.Select(r =>
        {
            var profile = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (dimension, value) in new[] { ("age", r.Age), ("sex", r.Sex), ("ethnicity", r.Ethnicity), ("language", r.HomeLanguage) })
            {
                if (value is not null)
                {
                    profile[dimension] = value;
                }
            }

            return new SurveyAnswers(answers[r.Id].ToDictionary(a => a.Item, a => a.Value, StringComparer.Ordinal), profile);
        })];
    }

    private async Task<(SurveyMarginImportRecord? Import, IReadOnlyList<SurveyMargin> Margins)> MarginsAsync(CancellationToken ct)
    {
        var import = await db.SurveyMarginImports.AsNoTracking().OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
        if (import is null)
        {
            return (null, []);
        }

        var margins = await db.SurveyMargins.AsNoTracking().Where(m => m.ImportId == import.Id).OrderBy(m => m.Id)
            .Select(m => new SurveyMargin(m.Dimension, m.Category, m.Population)).ToListAsync(ct);
        return (import, margins);
    }

    /// <summary>Imports population margins (nothing stored unless the whole file is good); the latest import weights every round.</summary>
    public async Task<(SurveyMarginImportRecord? Import, IReadOnlyList<string> Problems)> ImportMarginsAsync(string? fileName, byte[] content, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var (name, text, unreadable) = UploadedText.Read(fileName, content, MaxMarginBytes);
        if (unreadable is not null)
        {
            return (null, [unreadable]);
        }

        var (margins, problems) = ParseMargins(text!);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var import = ImportedFileRecord.Of<SurveyMarginImportRecord>(name, content, clock.GetCurrentInstant(), actor, margins.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SurveyMarginImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.SurveyMargins.AddRange(margins.Select(m => new SurveyMarginRecord { ImportId = import.Id, Dimension = m.Dimension, Category = m.Category, Population = m.Population }));
        audit.Add(MarginsAction, "survey", import.Id.ToString(CultureInfo.InvariantCulture), $"{name}: {margins.Count} margins; sha256 {import.Sha256}", actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (import, []);
    }

    /// <summary>
    /// Reads the margins CSV: a header naming <c>dimension,category,population</c> (any order), then one category a
    /// line; a dimension given must have every one of its categories, and people in at least one. Every problem, by line and field.
    /// </summary>
    public static (IReadOnlyList<SurveyMargin> Margins, IReadOnlyList<string> Problems) ParseMargins(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new CsvRecords(new StringReader(text));
        if (records.Next() is not { } header)
        {
            return ([], ["line 1: the file is empty; the first line names the columns: dimension,category,population."]);
        }

        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var problems = new List<string>();
        problems.AddRange(columns.Where(c => !MarginColumns.Contains(c)).Distinct().Select(c => $"line 1: unknown column \"{Clip(c)}\"; the columns are {string.Join(", ", MarginColumns)}."));
        problems.AddRange(MarginColumns.Where(c => !columns.Contains(c)).Select(c => $"line 1: the column \"{c}\" is missing."));
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var margins = new List<SurveyMargin>();
        var seen = new Dictionary<(string, string), long>();
        while (records.Next() is { } record)
        {
            var line = record.Number;
            if (record.Fields is [""])
            {
                continue;
            }

            if (margins.Count >= MaxMarginRows)
            {
                problems.Add($"line {line}: at most {MaxMarginRows} lines in one file.");
                break;
            }

            if (record.Fields.Length != columns.Count)
            {
                problems.Add($"line {line}: {record.Fields.Length} fields; the header has {columns.Count}.");
                continue;
            }

            string Field(string column) => record.Fields[columns.IndexOf(column)].Trim().ToLowerInvariant();
            if (SurveyInstrument.Dimension(Field("dimension")) is not { } dimension)
            {
                problems.Add($"line {line}, dimension: \"{Clip(Field("dimension"))}\" is not one of {string.Join(", ", SurveyInstrument.Dimensions.Select(d => d.Id))}.");
                continue;
            }

            var category = Field("category");
            if (!dimension.Categories.Contains(category))
            {
                problems.Add($"line {line}, category: \"{Clip(category)}\" is not a category of {dimension.Id} ({string.Join(", ", dimension.Categories)}).");
                continue;
            }

            if (!long.TryParse(Field("population"), NumberStyles.None, CultureInfo.InvariantCulture, out var population) || population > 1_000_000_000)
            {
                problems.Add($"line {line}, population: \"{Clip(Field("population"))}\" is not a whole number of people, zero or more.");
                continue;
            }

            if (seen.TryGetValue((dimension.Id, category), out var earlier))
            {
                problems.Add($"line {line}: {dimension.Id} {category} is already on line {earlier}.");
                continue;
            }

            seen[(dimension.Id, category)] = line;
            margins.Add(new SurveyMargin(dimension.Id, category, population));
        }

        foreach (var dimension in SurveyInstrument.Dimensions.Where(d => margins.Any(m => m.Dimension == d.Id)))
        {
            var missing = dimension.Categories.Where(c => !margins.Any(m => m.Dimension == dimension.Id && m.Category == c)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{dimension.Id}: no line for {string.Join(", ", missing)}; a dimension needs every one of its categories (0 where nobody is).");
            }
            else if (margins.Where(m => m.Dimension == dimension.Id).Sum(m => m.Population) == 0)
            {
                problems.Add($"{dimension.Id}: every population is 0.");
            }
        }

        if (problems.Count == 0 && margins.Count == 0)
        {
            problems.Add("line 2: no margins; each line is a dimension, a category and its population: ethnicity,hispanic,48210.");
        }

        return (margins, problems);
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
