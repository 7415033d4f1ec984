using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Liaison.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    DisplayName = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    OfficerId = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Disabled = table.Column<bool>(type: "boolean", nullable: false),
                    MustChangePassword = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agency_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    HoldPolicy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    AlertEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    SinglePersonChanges = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agency_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "agreements",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Model = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    Effective = table.Column<LocalDate>(type: "date", nullable: false),
                    Ends = table.Column<LocalDate>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agreements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false, collation: "C"),
                    DueAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    RaisedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    EmailedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_deliveries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(96)", maxLength: 96, nullable: false, collation: "C"),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Response = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChainIndex = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    Address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Action = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false, collation: "C"),
                    RecordType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    RecordId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    Details = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bookings",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    PersonId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    FirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    SearchName = table.Column<string>(type: "character varying(210)", maxLength: 210, nullable: false, collation: "C"),
                    DateOfBirth = table.Column<LocalDate>(type: "date", nullable: true),
                    ANumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    BirthCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true, collation: "C"),
                    CitizenshipCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true, collation: "C"),
                    Language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    Sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true, collation: "C"),
                    BookedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Custody = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    HoldAuthority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Citizenship = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    EligibleAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    HoldDeadline = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    OverDetentionSeconds = table.Column<long>(type: "bigint", nullable: false),
                    OverDetentionSince = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    StateAsOf = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    NextDutyDue = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    NextDutyAbout = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C"),
                    OpenDuties = table.Column<int>(type: "integer", nullable: false),
                    NotificationRequested = table.Column<bool>(type: "boolean", nullable: false),
                    DhsResult = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    AwaitingScreening = table.Column<bool>(type: "boolean", nullable: false),
                    EventCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bookings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cache_stamps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cache_stamps", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "custody_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChainIndex = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    BookingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Actor = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    StepJson = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    RefusalCode = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true, collation: "C"),
                    RefusalReason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    HoldDeadline = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custody_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "external_events",
                columns: table => new
                {
                    Channel = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    EventId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    BookingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    RefusalCode = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true, collation: "C"),
                    RecordedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_external_events", x => new { x.Channel, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "holidays",
                columns: table => new
                {
                    Date = table.Column<LocalDate>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_holidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "integration_keys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Scopes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    RevokedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    LastUsedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integration_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "jurisdiction_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EffectiveAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    HoldPolicy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Holidays = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jurisdiction_versions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "officers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_officers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "proposed_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Payload = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false, collation: "C"),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, collation: "C"),
                    ProposedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    ProposedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    DecidedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_proposed_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "signed_warrants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Form = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    SignedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    SignedByUser = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    SignedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signed_warrants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<string>(type: "character varying(64)", nullable: false, collation: "C"),
                    Code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    Level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_charges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_charges_bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "certifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OfficerId = table.Column<string>(type: "character varying(64)", nullable: false, collation: "C"),
                    Model = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    Completed = table.Column<LocalDate>(type: "date", nullable: false),
                    Expires = table.Column<LocalDate>(type: "date", nullable: false),
                    LetterNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    LetterDate = table.Column<LocalDate>(type: "date", nullable: true),
                    LetterSignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    Revoked = table.Column<LocalDate>(type: "date", nullable: true),
                    RevocationLetterNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true, collation: "C"),
                    RevokedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_certifications_officers_OfficerId",
                        column: x => x.OfficerId,
                        principalTable: "officers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "cache_stamps",
                columns: new[] { "Name", "Version" },
                values: new object[] { "world", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OfficerId",
                table: "AspNetUsers",
                column: "OfficerId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_AcknowledgedAt_RaisedAt",
                table: "alerts",
                columns: new[] { "AcknowledgedAt", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_BookingId_Kind_DueAt",
                table: "alerts",
                columns: new[] { "BookingId", "Kind", "DueAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_EmailedAt",
                table: "alerts",
                column: "EmailedAt");

            migrationBuilder.CreateIndex(
                name: "IX_api_deliveries_At",
                table: "api_deliveries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Actor_At",
                table: "audit_entries",
                columns: new[] { "Actor", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_ChainIndex",
                table: "audit_entries",
                column: "ChainIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RecordType_RecordId",
                table: "audit_entries",
                columns: new[] { "RecordType", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_ANumber",
                table: "bookings",
                column: "ANumber");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_Custody_HoldDeadline",
                table: "bookings",
                columns: new[] { "Custody", "HoldDeadline" });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_DateOfBirth",
                table: "bookings",
                column: "DateOfBirth");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_PersonId",
                table: "bookings",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_SearchName",
                table: "bookings",
                column: "SearchName");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_duties",
                table: "bookings",
                columns: new[] { "NextDutyDue", "Id" },
                filter: "\"NextDutyDue\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_queue",
                table: "bookings",
                columns: new[] { "BookedAt", "Id" },
                filter: "\"AwaitingScreening\"");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_queue_dhs",
                table: "bookings",
                columns: new[] { "DhsResult", "BookedAt", "Id" },
                filter: "\"AwaitingScreening\"");

            migrationBuilder.CreateIndex(
                name: "IX_certifications_Expires",
                table: "certifications",
                column: "Expires");

            migrationBuilder.CreateIndex(
                name: "IX_certifications_OfficerId",
                table: "certifications",
                column: "OfficerId");

            migrationBuilder.CreateIndex(
                name: "IX_charges_BookingId",
                table: "charges",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_custody_events_BookingId_Sequence",
                table: "custody_events",
                columns: new[] { "BookingId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_custody_events_ChainIndex",
                table: "custody_events",
                column: "ChainIndex",
                unique: true,
                filter: "\"ChainIndex\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_jurisdiction_versions_EffectiveAt",
                table: "jurisdiction_versions",
                column: "EffectiveAt",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_proposed_changes_Status",
                table: "proposed_changes",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_signed_warrants_BookingId_Form_Number",
                table: "signed_warrants",
                columns: new[] { "BookingId", "Form", "Number" },
                unique: true);

            // Append-only by the database itself: custody events and the audit log can be neither changed nor removed,
            // whoever connects (Liaison's writer never updates or deletes them).
            migrationBuilder.Sql("""
                CREATE FUNCTION liaison_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'integrity_constraint_violation';
                END $$;
                """);
            foreach (var (table, what) in new[] { ("custody_events", "custody events are immutable"), ("audit_entries", "audit entries are immutable") })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION liaison_refuse_change('{what}');");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION liaison_refuse_change('{what}');");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "custody_events", "audit_entries" })
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_no_change ON {table};");
                migrationBuilder.Sql($"DROP TRIGGER {table}_no_truncate ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION liaison_refuse_change();");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "agency_settings");

            migrationBuilder.DropTable(
                name: "agreements");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "api_deliveries");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "cache_stamps");

            migrationBuilder.DropTable(
                name: "certifications");

            migrationBuilder.DropTable(
                name: "charges");

            migrationBuilder.DropTable(
                name: "custody_events");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "external_events");

            migrationBuilder.DropTable(
                name: "holidays");

            migrationBuilder.DropTable(
                name: "integration_keys");

            migrationBuilder.DropTable(
                name: "jurisdiction_versions");

            migrationBuilder.DropTable(
                name: "proposed_changes");

            migrationBuilder.DropTable(
                name: "signed_warrants");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "officers");

            migrationBuilder.DropTable(
                name: "bookings");
        }
    }
}
