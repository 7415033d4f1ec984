using Liaison.Data;
using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Officers;
using Liaison.Data.Persistence;
using Liaison.Domain.Bookings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// The small agency every web and browser test starts from: New York, calendar-48h, a JEM agreement,
/// the officers of the shared scenarios, and one account per role (plus "lapsed", an officer whose
/// certification expired), all with <see cref="Password"/> and an authenticator (<see cref="CodeAsync"/>).
/// </summary>
public static class TestCounty
{
    public const string Password = "granite otter lantern velvet";

    public static readonly IReadOnlyDictionary<string, (string User, string? Officer)> Accounts = new Dictionary<string, (string, string?)>
    {
        [Roles.DesignatedOfficer] = ("moreno", "dso-1"),
        [Roles.JailStaff] = ("records", null),
        [Roles.IceOfficer] = ("ito", "ice-1"),
        [Roles.IceSupervisor] = ("park", "sup-1"),
        [Roles.ProgramManager] = ("manager", null),
        [Roles.Auditor] = ("auditor", null),
        [Roles.Administrator] = ("admin", null),
    };

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        await DataServices.MigrateAsync(db);
        // A small office with the two-person rule off, so that tests change rules in one step; SeparationOfDutiesTests switch it on.
        db.AgencySettings.Add(new AgencySettings { Name = "Test County", TimeZoneId = "America/New_York", HoldPolicy = "calendar-48h", AlertEmail = "desk@test.example", SinglePersonChanges = true });
        db.Agreements.Add(new AgreementRecord { Id = "moa-jem", Model = "JEM", Effective = new LocalDate(2025, 2, 26) });
        db.Officers.AddRange(
            new OfficerRecord { Id = "dso-1", Name = "Dep. Moreno", Kind = "designated-officer", Certifications = [new CertificationRecord { Model = "JEM", Completed = new LocalDate(2025, 3, 1), Expires = new LocalDate(2027, 3, 1) }] },
            new OfficerRecord { Id = "dso-2", Name = "Dep. Lapsed", Kind = "designated-officer", Certifications = [new CertificationRecord { Model = "JEM", Completed = new LocalDate(2023, 1, 10), Expires = new LocalDate(2025, 1, 10) }] },
            new OfficerRecord { Id = "ice-1", Name = "Officer Ito", Kind = "ice-officer" },
            new OfficerRecord { Id = "sup-1", Name = "SDDO Park", Kind = "ice-supervisor" },
            new OfficerRecord { Id = "ice-2", Name = "Officer Silva", Kind = "ice-officer" }); // no account yet
        await db.SaveChangesAsync();

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        foreach (var (role, (userName, officer)) in Accounts)
        {
            await CreateUserAsync(users, accounts, userName, role, officer);
        }

        await CreateUserAsync(users, accounts, "lapsed", Roles.DesignatedOfficer, "dso-2");
    }

    /// <summary>The code <paramref name="userName"/>'s authenticator app shows at the app's (fake) time.</summary>
    public static async Task<string> CodeAsync(IServiceProvider services, string userName)
    {
        await using var scope = services.CreateAsyncScope();
        return await Data.Demo.DemoDatabase.CodeAsync(scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>(), userName, scope.ServiceProvider.GetRequiredService<NodaTime.IClock>().GetCurrentInstant())
            ?? throw new InvalidOperationException($"{userName} has no authenticator key.");
    }

    /// <summary>Books a person as the jail system would, through the same use case as every entry point.</summary>
    public static async Task BookAsync(IServiceProvider services, string id, string lastName = "Garcia", string firstName = "Maria", string? aNumber = null, LocalDate? dob = null, string nationality = "MX", string language = "es")
    {
        await using var scope = services.CreateAsyncScope();
        var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
        var outcome = await custody.BookAsync(
            new NewBooking(id, "P-" + id, lastName, firstName, dob ?? new LocalDate(1990, 5, 17), aNumber, nationality, nationality, language, [new Charge("5404", "Driving under the influence", "misdemeanor", "pending")]),
            new ActingAs("jms", null));
        Assert.Equal(StepResultKind.Applied, outcome.Kind);
    }

    /// <summary>Every test account is enrolled in the second factor, as every real one must be.</summary>
    /// <summary>SDDO Park (sup-1) signs a warrant for the booking, through the same service as the case page.</summary>
    public static async Task SignWarrantAsync(IServiceProvider services, string id, string form = "I-205", string number = "W-100")
    {
        await using var scope = services.CreateAsyncScope();
        Assert.True(Liaison.Domain.Codes.TryParse<Liaison.Domain.Custody.WarrantForm>(form, out var parsed));
        var signed = await scope.ServiceProvider.GetRequiredService<WarrantSignatures>().SignAsync(id, parsed, number, "sup-1", "park");
        Assert.True(signed.Succeeded, string.Join("; ", signed.Problems.Select(p => p.Message)));
    }

    private static async Task CreateUserAsync(UserManager<LiaisonUser> users, AccountService accounts, string userName, string role, string? officer)
    {
        var user = new LiaisonUser { UserName = userName, DisplayName = userName, OfficerId = officer };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        await accounts.AuthenticatorKeyAsync(user);
        await accounts.EnableSecondFactorAsync(user);
    }
}
