using Liaison.Data.Agency;
using Liaison.Data.Alerts;
using Liaison.Data.Bookings;
using Liaison.Data.Complaints;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Officers;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Persistence;

public sealed class LiaisonDbContext(DbContextOptions<LiaisonDbContext> options) : IdentityDbContext<LiaisonUser>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every instance on this database (encrypted at rest, KeyEncryptionCertificate).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<CacheStampRecord> CacheStamps => Set<CacheStampRecord>();

    public DbSet<AgencySettings> AgencySettings => Set<AgencySettings>();

    public DbSet<Holiday> Holidays => Set<Holiday>();

    public DbSet<JurisdictionVersionRecord> JurisdictionVersions => Set<JurisdictionVersionRecord>();

    public DbSet<DualNoticeVersionRecord> DualNoticeVersions => Set<DualNoticeVersionRecord>();

    public DbSet<ComplaintRecord> Complaints => Set<ComplaintRecord>();

    public DbSet<ComplaintEventRecord> ComplaintEvents => Set<ComplaintEventRecord>();

    public DbSet<ComplaintAttachmentRecord> ComplaintAttachments => Set<ComplaintAttachmentRecord>();

    public DbSet<Trust.CrimeReportImportRecord> CrimeReportImports => Set<Trust.CrimeReportImportRecord>();

    public DbSet<Trust.CrimeReportCountRecord> CrimeReportCounts => Set<Trust.CrimeReportCountRecord>();

    public DbSet<Trust.SurveyRoundRecord> SurveyRounds => Set<Trust.SurveyRoundRecord>();

    public DbSet<Trust.SurveyBatchRecord> SurveyBatches => Set<Trust.SurveyBatchRecord>();

    public DbSet<Trust.SurveyTokenRecord> SurveyTokens => Set<Trust.SurveyTokenRecord>();

    public DbSet<Trust.SurveyResponseRecord> SurveyResponses => Set<Trust.SurveyResponseRecord>();

    public DbSet<Trust.SurveyAnswerRecord> SurveyAnswers => Set<Trust.SurveyAnswerRecord>();

    public DbSet<Trust.SurveyMarginImportRecord> SurveyMarginImports => Set<Trust.SurveyMarginImportRecord>();

    public DbSet<Trust.SurveyMarginRecord> SurveyMargins => Set<Trust.SurveyMarginRecord>();

    public DbSet<AgreementRecord> Agreements => Set<AgreementRecord>();

    public DbSet<OfficerRecord> Officers => Set<OfficerRecord>();

    public DbSet<CertificationRecord> Certifications => Set<CertificationRecord>();

    public DbSet<BookingRecord> Bookings => Set<BookingRecord>();

    public DbSet<Statistics.StatisticsPublicationRecord> StatisticsPublications => Set<Statistics.StatisticsPublicationRecord>();

    public DbSet<Statistics.PublishedFigureRecord> PublishedFigures => Set<Statistics.PublishedFigureRecord>();

    public DbSet<Statistics.ResearchSaltRecord> ResearchSalts => Set<Statistics.ResearchSaltRecord>();

    public DbSet<Statistics.IceFigureImportRecord> IceFigureImports => Set<Statistics.IceFigureImportRecord>();

    public DbSet<Statistics.IceFigureRecord> IceFigures => Set<Statistics.IceFigureRecord>();

    public DbSet<Statistics.StatisticsChangeRecord> StatisticsChanges => Set<Statistics.StatisticsChangeRecord>();

    public DbSet<ChargeRecord> Charges => Set<ChargeRecord>();

    public DbSet<CustodyEventRecord> CustodyEvents => Set<CustodyEventRecord>();

    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();

    public DbSet<Audit.AuditEntryRecord> AuditEntries => Set<Audit.AuditEntryRecord>();

    public DbSet<Administration.ProposedChangeRecord> ProposedChanges => Set<Administration.ProposedChangeRecord>();

    public DbSet<SignedWarrantRecord> SignedWarrants => Set<SignedWarrantRecord>();

    public DbSet<CorrectionProposalRecord> CorrectionProposals => Set<CorrectionProposalRecord>();

    public DbSet<Feeds.ExternalEventRecord> ExternalEvents => Set<Feeds.ExternalEventRecord>();

    public DbSet<Integrations.IntegrationKeyRecord> IntegrationKeys => Set<Integrations.IntegrationKeyRecord>();

    public DbSet<Integrations.ApiDeliveryRecord> ApiDeliveries => Set<Integrations.ApiDeliveryRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no NodaTime plugin: instants are stored as Unix ticks (sortable), local dates as ISO text
            // (sortable, readable).
            configurationBuilder.Properties<Instant>().HaveConversion<InstantTicksConverter>();
            configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateTextConverter>().HaveMaxLength(10);
        }
        else
        {
            // PostgreSQL (NodaTime plugin: timestamptz, date). Text compares byte by byte, as on SQLite, whatever the
            // database's locale: the same order on both, and name-prefix search can use a plain index.
            configurationBuilder.Properties<string>().UseCollation("C");
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // One account per officer: two accounts acting as one officer would make "who did it" ambiguous.
        builder.Entity<LiaisonUser>(e => e.HasIndex(x => x.OfficerId).IsUnique());

        builder.Entity<AgencySettings>(e =>
        {
            e.ToTable("agency_settings");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.TimeZoneId).HasMaxLength(64);
            e.Property(x => x.HoldPolicy).HasMaxLength(32);
            e.Property(x => x.AlertEmail).HasMaxLength(256);
        });
        builder.Entity<Administration.ProposedChangeRecord>(e =>
        {
            e.ToTable("proposed_changes");
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Payload).HasMaxLength(4000);
            e.Property(x => x.Summary).HasMaxLength(1000);
            e.Property(x => x.ProposedBy).HasMaxLength(256);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.HasIndex(x => x.Status);
        });
        builder.Entity<CorrectionProposalRecord>(e =>
        {
            e.ToTable("correction_proposals");
            e.Property(x => x.BookingId).HasMaxLength(64);
            e.Property(x => x.Payload).HasMaxLength(8000);
            e.Property(x => x.Summary).HasMaxLength(2000);
            e.Property(x => x.ProposedBy).HasMaxLength(256);
            e.Property(x => x.ProposedActor).HasMaxLength(64);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.DecidedBy).HasMaxLength(256);
            e.Property(x => x.DecisionNote).HasMaxLength(2000);
            e.HasIndex(x => new { x.Status, x.BookingId });
        });
        builder.Entity<SignedWarrantRecord>(e =>
        {
            e.ToTable("signed_warrants");
            e.Property(x => x.BookingId).HasMaxLength(64);
            e.Property(x => x.Form).HasMaxLength(8);
            e.Property(x => x.Number).HasMaxLength(64);
            e.Property(x => x.SignedBy).HasMaxLength(64);
            e.Property(x => x.SignedByUser).HasMaxLength(256);
            e.HasIndex(x => new { x.BookingId, x.Form, x.Number }).IsUnique();
        });
        builder.Entity<Holiday>(e =>
        {
            e.ToTable("holidays");
            e.HasKey(x => x.Date);
            e.Property(x => x.Name).HasMaxLength(100);
        });
        builder.Entity<JurisdictionVersionRecord>(e =>
        {
            e.ToTable("jurisdiction_versions");
            e.Property(x => x.TimeZoneId).HasMaxLength(64);
            e.Property(x => x.HoldPolicy).HasMaxLength(32);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.HasIndex(x => x.EffectiveAt).IsUnique();
        });
        builder.Entity<DualNoticeVersionRecord>(e =>
        {
            e.ToTable("dual_notice_versions");
            e.Property(x => x.Rules).HasMaxLength(200);
            e.Property(x => x.ChangedBy).HasMaxLength(256);
            e.HasIndex(x => x.EffectiveAt).IsUnique();
        });
        builder.Entity<ComplaintRecord>(e =>
        {
            e.ToTable("complaints");
            e.Ignore(x => x.Number);
            e.Property(x => x.CodeHash).HasMaxLength(64);
            e.HasIndex(x => x.CodeHash).IsUnique();
            e.Property(x => x.ZoneId).HasMaxLength(64);
            e.Property(x => x.Language).HasMaxLength(16);
            e.Property(x => x.Narrative).HasMaxLength(ComplaintRecord.MaxNarrative);
            e.Property(x => x.IncidentPlace).HasMaxLength(ComplaintRecord.MaxPlace);
            e.Property(x => x.ContactName).HasMaxLength(ComplaintRecord.MaxName);
            e.Property(x => x.ContactEmail).HasMaxLength(ComplaintRecord.MaxEmail);
            e.Property(x => x.ContactPhone).HasMaxLength(ComplaintRecord.MaxPhone);
            e.Property(x => x.Stage).HasMaxLength(32);
            e.Property(x => x.Investigator).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.NextDue);
        });
        builder.Entity<ComplaintEventRecord>(e =>
        {
            e.ToTable("complaint_events");
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasIndex(x => new { x.ComplaintId, x.Sequence }).IsUnique();
            e.HasOne<ComplaintRecord>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Trust.CrimeReportImportRecord>(e =>
        {
            e.ToTable("crime_report_imports");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ImportedBy).HasMaxLength(256);
        });
        builder.Entity<Trust.CrimeReportCountRecord>(e =>
        {
            e.ToTable("crime_report_counts");
            e.Property(x => x.Month).HasMaxLength(7);
            e.Property(x => x.Ethnicity).HasMaxLength(1);
            e.HasIndex(x => new { x.ImportId, x.Month, x.Ethnicity }).IsUnique(); // once per file
            e.HasOne<Trust.CrimeReportImportRecord>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Trust.SurveyRoundRecord>(e =>
        {
            e.ToTable("survey_rounds");
            e.Property(x => x.Name).HasMaxLength(Trust.SurveyRoundRecord.MaxName);
            e.Property(x => x.Month).HasMaxLength(7);
            e.HasIndex(x => x.Month).IsUnique(); // one round a month: each is one period of the public figures
            e.Property(x => x.OpenedBy).HasMaxLength(256);
            e.Property(x => x.ClosedBy).HasMaxLength(256);
        });
        builder.Entity<Trust.SurveyBatchRecord>(e =>
        {
            e.ToTable("survey_batches");
            e.Property(x => x.Channel).HasMaxLength(16);
            e.Property(x => x.IssuedBy).HasMaxLength(256);
            e.HasOne<Trust.SurveyRoundRecord>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Trust.SurveyTokenRecord>(e =>
        {
            e.ToTable("survey_tokens");
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.RoundId);
            e.HasOne<Trust.SurveyBatchRecord>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Trust.SurveyResponseRecord>(e =>
        {
            e.ToTable("survey_responses");
            e.Property(x => x.Language).HasMaxLength(16);
            e.Property(x => x.Age).HasMaxLength(16);
            e.Property(x => x.Sex).HasMaxLength(16);
            e.Property(x => x.Ethnicity).HasMaxLength(16);
            e.Property(x => x.HomeLanguage).HasMaxLength(16);
            e.HasIndex(x => x.RoundId);
            e.HasOne<Trust.SurveyRoundRecord>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Trust.SurveyAnswerRecord>(e =>
        {
            e.ToTable("survey_answers");
            e.Property(x => x.Item).HasMaxLength(32);
            e.HasIndex(x => new { x.ResponseId, x.Item }).IsUnique();
            e.HasOne<Trust.SurveyResponseRecord>().WithMany().HasForeignKey(x => x.ResponseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Trust.SurveyMarginImportRecord>(e =>
        {
            e.ToTable("survey_margin_imports");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ImportedBy).HasMaxLength(256);
        });
        builder.Entity<Trust.SurveyMarginRecord>(e =>
        {
            e.ToTable("survey_margins");
            e.Property(x => x.Dimension).HasMaxLength(16);
            e.Property(x => x.Category).HasMaxLength(16);
            e.HasIndex(x => new { x.ImportId, x.Dimension, x.Category }).IsUnique();
            e.HasOne<Trust.SurveyMarginImportRecord>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ComplaintAttachmentRecord>(e =>
        {
            e.ToTable("complaint_attachments");
            e.Property(x => x.FileName).HasMaxLength(Domain.Complaints.Attachment.MaxFileName);
            e.Property(x => x.ContentType).HasMaxLength(64);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => x.ComplaintId);
            e.HasOne<ComplaintRecord>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AgreementRecord>(e =>
        {
            e.ToTable("agreements");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Model).HasMaxLength(8);
        });
        builder.Entity<OfficerRecord>(e =>
        {
            e.ToTable("officers");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.HasMany(x => x.Certifications).WithOne().HasForeignKey(c => c.OfficerId);
        });
        builder.Entity<CertificationRecord>(e =>
        {
            e.ToTable("certifications");
            e.Property(x => x.Model).HasMaxLength(8);
            e.Property(x => x.LetterNumber).HasMaxLength(64);
            e.Property(x => x.LetterSignedBy).HasMaxLength(200);
            e.Property(x => x.RevocationLetterNumber).HasMaxLength(64);
            e.Property(x => x.RevokedBy).HasMaxLength(200);
            e.HasIndex(x => x.Expires);
        });
        builder.Entity<BookingRecord>(e =>
        {
            e.ToTable("bookings");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.PersonId).HasMaxLength(64);
            e.Property(x => x.LastName).HasMaxLength(100);
            e.Property(x => x.FirstName).HasMaxLength(100);
            e.Property(x => x.SearchName).HasMaxLength(210);
            e.Property(x => x.ANumber).HasMaxLength(16);
            e.Property(x => x.BirthCountry).HasMaxLength(2);
            e.Property(x => x.CitizenshipCountry).HasMaxLength(2);
            e.Property(x => x.Language).HasMaxLength(16);
            e.Property(x => x.Sex).HasMaxLength(1);
            e.Property(x => x.Custody).HasMaxLength(32);
            e.Property(x => x.HoldAuthority).HasMaxLength(32);
            e.Property(x => x.Citizenship).HasMaxLength(32);
            e.Property(x => x.DhsResult).HasMaxLength(16);
            e.Property(x => x.ScreeningOutcome).HasMaxLength(16);
            e.Property(x => x.AssignedTo).HasMaxLength(64);
            e.Property(x => x.NextDutyAbout).HasMaxLength(32);
            e.Property(x => x.Model).HasMaxLength(3);
            e.Property(x => x.LiftReason).HasMaxLength(32);
            e.Property(x => x.CitizenshipFinding).HasMaxLength(32);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Charges).WithOne().HasForeignKey(c => c.BookingId);

            // The pages' questions, each answered from an index at a million bookings:
            // Screening queue, oldest first: partial indexes holding only the awaiting bookings, in queue order.
            e.HasIndex(x => new { x.BookedAt, x.Id }).HasDatabaseName("IX_bookings_queue").HasFilter("\"AwaitingScreening\"");
            e.HasIndex(x => new { x.DhsResult, x.BookedAt, x.Id }).HasDatabaseName("IX_bookings_queue_dhs").HasFilter("\"AwaitingScreening\"");
            e.HasIndex(x => new { x.AssignedTo, x.BookedAt }).HasDatabaseName("IX_bookings_queue_assigned").HasFilter("\"AwaitingScreening\"");
            e.HasIndex(x => new { x.ScreeningOutcome, x.BookedAt }).HasDatabaseName("IX_bookings_screened").HasFilter("\"ScreeningOutcome\" IS NOT NULL");
            e.HasIndex(x => new { x.ConsularDue, x.Id }).HasDatabaseName("IX_bookings_consular").HasFilter("\"ConsularDue\" IS NOT NULL");
            e.HasIndex(x => new { x.Custody, x.HoldDeadline });         // release board, deadline monitor
            e.HasIndex(x => new { x.BookedAt, x.Id }, "IX_bookings_booked"); // the statistics read every booking in booking order
            // Duties to tell ICE: only the few bookings with one open, in due order (monitor, queue, home page).
            e.HasIndex(x => new { x.NextDutyDue, x.Id }).HasDatabaseName("IX_bookings_duties").HasFilter("\"NextDutyDue\" IS NOT NULL");
            e.HasIndex(x => x.SearchName);
            e.HasIndex(x => x.DateOfBirth);
            e.HasIndex(x => x.ANumber);
            e.HasIndex(x => x.PersonId);
        });
        builder.Entity<ChargeRecord>(e =>
        {
            e.ToTable("charges");
            e.Property(x => x.Code).HasMaxLength(8);
            e.Property(x => x.Description).HasMaxLength(200);
            e.Property(x => x.Level).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(32);
        });
        builder.Entity<CustodyEventRecord>(e =>
        {
            e.ToTable("custody_events");
            e.Property(x => x.BookingId).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(64);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.RefusalCode).HasMaxLength(48);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => new { x.BookingId, x.Sequence }).IsUnique();
            // One place per entry in the hash chain (0 only for events stored before the chain, until linked).
            e.HasIndex(x => x.ChainIndex).IsUnique().HasFilter("\"ChainIndex\" > 0");
        });
        builder.Entity<Audit.AuditEntryRecord>(e =>
        {
            e.ToTable("audit_entries");
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Address).HasMaxLength(64);
            e.Property(x => x.Action).HasMaxLength(48);
            e.Property(x => x.RecordType).HasMaxLength(32);
            e.Property(x => x.RecordId).HasMaxLength(64);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.ChainIndex).IsUnique();
            e.HasIndex(x => new { x.RecordType, x.RecordId });
            e.HasIndex(x => new { x.Actor, x.At });
            e.HasIndex(x => x.At);
        });
        builder.Entity<Feeds.ExternalEventRecord>(e =>
        {
            e.ToTable("external_events");
            e.HasKey(x => new { x.Channel, x.EventId });
            e.Property(x => x.Channel).HasMaxLength(8);
            e.Property(x => x.EventId).HasMaxLength(64);
            e.Property(x => x.ContentHash).HasMaxLength(64);
            e.Property(x => x.BookingId).HasMaxLength(64);
            e.Property(x => x.Result).HasMaxLength(16);
            e.Property(x => x.RefusalCode).HasMaxLength(48);
        });
        builder.Entity<Integrations.IntegrationKeyRecord>(e =>
        {
            e.ToTable("integration_keys");
            e.Property(x => x.Id).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Scopes).HasMaxLength(100);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.CreatedBy).HasMaxLength(256);
            e.Property(x => x.RevokedBy).HasMaxLength(256);
            e.Ignore(x => x.ScopeList);
        });
        builder.Entity<Integrations.ApiDeliveryRecord>(e =>
        {
            e.ToTable("api_deliveries");
            e.Property(x => x.Id).HasMaxLength(96);
            e.HasIndex(x => x.At);
        });
        builder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_keys"));
        builder.Entity<Statistics.StatisticsPublicationRecord>(e =>
        {
            e.ToTable("statistics_publications");
            e.Property(x => x.Month).HasMaxLength(7);
            e.HasIndex(x => x.Month).IsUnique(); // a month is published once
            e.Property(x => x.PublishedBy).HasMaxLength(256);
            e.Property(x => x.Note).HasMaxLength(500);
        });
        builder.Entity<Statistics.ResearchSaltRecord>(e =>
        {
            e.ToTable("research_salt");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Salt).HasMaxLength(64);
        });
        builder.Entity<Statistics.PublishedFigureRecord>(e =>
        {
            e.ToTable("published_figures");
            e.Property(x => x.Measure).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.Model).HasMaxLength(3);
            e.Property(x => x.Category).HasMaxLength(64);
            e.HasIndex(x => new { x.Measure, x.Period, x.Model, x.Category }).IsUnique(); // a figure is published once, then frozen
            e.HasIndex(x => x.PublicationId);
        });
        builder.Entity<Statistics.StatisticsChangeRecord>(e =>
        {
            e.ToTable("statistics_changes");
            e.Property(x => x.BookingId).HasMaxLength(64);
        });
        builder.Entity<Statistics.IceFigureImportRecord>(e =>
        {
            e.ToTable("ice_figure_imports");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.ImportedBy).HasMaxLength(256);
        });
        builder.Entity<Statistics.IceFigureRecord>(e =>
        {
            e.ToTable("ice_figures");
            e.Property(x => x.Measure).HasMaxLength(64);
            e.Property(x => x.Period).HasMaxLength(10);
            e.Property(x => x.Model).HasMaxLength(3);
            e.Property(x => x.Category).HasMaxLength(64);
            e.Property(x => x.Source).HasMaxLength(200);
            e.HasIndex(x => new { x.ImportId, x.Measure, x.Period, x.Model, x.Category }).IsUnique(); // once per file
        });
        builder.Entity<CacheStampRecord>(e =>
        {
            e.ToTable("cache_stamps");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(32);
            e.HasData(new CacheStampRecord { Name = CacheStampRecord.World, Version = 0 });
        });
        builder.Entity<AlertRecord>(e =>
        {
            e.ToTable("alerts");
            e.Property(x => x.BookingId).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(48);
            e.HasIndex(x => new { x.BookingId, x.Kind, x.DueAt }).IsUnique(); // exactly once, even after a restart
            e.Property(x => x.ClearedBecause).HasMaxLength(64);
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => new { x.AcknowledgedAt, x.RaisedAt });
            e.HasIndex(x => x.EmailedAt);
        });
    }

    /// <summary>
    /// Ticks, written to the microsecond as PostgreSQL keeps them, so that a value that would differ between the two
    /// (and break the hash chain there) breaks it on SQLite too, where every test runs. Read back exactly.
    /// </summary>
    private sealed class InstantTicksConverter() : ValueConverter<Instant, long>(
        i => StoredInstants.Ticks(i),
        t => Instant.FromUnixTimeTicks(t));

    private sealed class LocalDateTextConverter() : ValueConverter<LocalDate, string>(
        d => LocalDatePattern.Iso.Format(d),
        s => LocalDatePattern.Iso.Parse(s).Value);
}
