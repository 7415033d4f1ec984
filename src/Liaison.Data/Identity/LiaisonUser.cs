using Microsoft.AspNetCore.Identity;

namespace Liaison.Data.Identity;

/// <summary>A person who signs in. Officers are linked to their officer record, which is who they act as.</summary>
public sealed class LiaisonUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? OfficerId { get; set; }

    /// <summary>Disabled by an administrator: cannot sign in, and open sessions end at their next request.</summary>
    public bool Disabled { get; set; }

    /// <summary>Set when an administrator resets the password: the person chooses their own before anything else.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>The roles of Liaison. What an officer may do on a booking comes from the engine, not from the role.</summary>
public static class Roles
{
    public const string DesignatedOfficer = "designated-officer";
    public const string JailStaff = "jail-staff";
    public const string IceOfficer = "ice-officer";
    public const string IceSupervisor = "ice-supervisor";
    public const string ProgramManager = "program-manager";
    public const string Auditor = "auditor";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All =
        [DesignatedOfficer, JailStaff, IceOfficer, IceSupervisor, ProgramManager, Auditor, Administrator];

    public static string Describe(string role) => role switch
    {
        DesignatedOfficer => "Designated officer",
        JailStaff => "Jail records / release staff",
        IceOfficer => "ICE officer",
        IceSupervisor => "ICE supervisor",
        ProgramManager => "287(g) program manager",
        Auditor => "Auditor (read-only)",
        Administrator => "Administrator",
        _ => role,
    };
}
