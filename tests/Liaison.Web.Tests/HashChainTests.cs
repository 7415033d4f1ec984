using System.Text.Json;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// The canonical form is what every stored hash covers: it must stay byte for byte what chains were built with (the
/// JSON array of the fields, default escaping), whatever the values hold, or every existing chain would fail to verify.
/// </summary>
public sealed class HashChainTests
{
    private const string Awkward = "Ñoño \"quoted\" <b>&amp;</b> 'x' \\ \u2028 é 中文 \U0001F600 \t\n";

    [Theory]
    [InlineData(null, null)]
    [InlineData(Awkward, "{\"action\":\"release\",\"note\":\"" + "a\\u0022b" + "\"}")]
    public void AnAuditEntry_HasTheCanonicalFormItsChainWasBuiltWith(string? address, string? details)
    {
        var entry = new AuditEntryRecord
        {
            ChainIndex = long.MaxValue,
            At = Instant.FromUtc(2026, 11, 30, 9, 0),
            Actor = Awkward,
            Address = address,
            Action = "case.read",
            RecordType = "booking",
            RecordId = "B-1",
            Details = details,
        };

        var expected = JsonSerializer.Serialize(new object?[] { entry.ChainIndex, entry.At.ToUnixTimeTicks(), entry.Actor, entry.Address, entry.Action, entry.RecordType, entry.RecordId, entry.Details });

        Assert.Equal(expected, HashChain.Canonical(entry));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(HashChain.Genesis + "\n" + expected))),
            HashChain.Compute(HashChain.Genesis, entry));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, 1_700_000_000L)]
    public void ACustodyEvent_HasTheCanonicalFormItsChainWasBuiltWith(bool accepted, long? deadlineSeconds)
    {
        var entry = new CustodyEventRecord
        {
            ChainIndex = 7,
            BookingId = "B1",
            Sequence = 3,
            At = Instant.FromUtc(2026, 3, 3, 14, 10),
            Action = "lodge-detainer",
            Actor = "dso-1",
            UserName = Awkward,
            StepJson = "{\"at\":\"2026-03-03T14:10:00Z\",\"bases\":[\"final-order\"]}",
            Accepted = accepted,
            RefusalCode = accepted ? null : "missing-warrant",
            RefusalReason = accepted ? null : Awkward,
            HoldDeadline = deadlineSeconds is { } s ? Instant.FromUnixTimeSeconds(s) : null,
        };

        var expected = JsonSerializer.Serialize(new object?[]
        {
            entry.ChainIndex, entry.BookingId, entry.Sequence, entry.At.ToUnixTimeTicks(), entry.Action, entry.Actor, entry.UserName, entry.StepJson,
            entry.Accepted, entry.RefusalCode, entry.RefusalReason, entry.HoldDeadline?.ToUnixTimeTicks(),
        });

        Assert.Equal(expected, HashChain.Canonical(entry));
    }

    [Fact]
    public void AnEntry_MatchesOnlyItsOwnLowerCaseHash()
    {
        var entry = new AuditEntryRecord { At = Instant.FromUtc(2026, 11, 30, 9, 0), Actor = "moreno", Action = "case.read", RecordType = "booking", RecordId = "B1" };
        HashChain.Link(entry, 0, HashChain.Genesis);
        Assert.True(HashChain.Matches(entry));

        var upper = new AuditEntryRecord { ChainIndex = entry.ChainIndex, At = entry.At, Actor = entry.Actor, Action = entry.Action, RecordType = entry.RecordType, RecordId = entry.RecordId, PreviousHash = entry.PreviousHash, Hash = entry.Hash.ToUpperInvariant() };
        var edited = new AuditEntryRecord { ChainIndex = entry.ChainIndex, At = entry.At, Actor = "ito", Action = entry.Action, RecordType = entry.RecordType, RecordId = entry.RecordId, PreviousHash = entry.PreviousHash, Hash = entry.Hash };
        Assert.False(HashChain.Matches(upper));
        Assert.False(HashChain.Matches(edited));
    }
}
