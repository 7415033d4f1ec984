using System.Security.Cryptography;

namespace Liaison.Domain.Complaints;

/// <summary>The code a member of the public follows a complaint by: <c>LC-7F3K-9Q2M</c> (<see cref="PublicCode"/>).</summary>
public static class TrackingCode
{
    private static readonly PublicCode Code = new("LC");

    public static string New(RandomNumberGenerator? random = null) => Code.New(random);

    public static string? Normalize(string? typed) => Code.Normalize(typed);

    public static string Hash(string canonical) => PublicCode.Hash(canonical);
}
