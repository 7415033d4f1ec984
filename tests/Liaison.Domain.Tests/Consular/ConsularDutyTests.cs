using Liaison.Domain.Consular;
using NodaTime;

namespace Liaison.Domain.Tests.Consular;

/// <summary>What a booking owes the person's consulate, and when (Vienna Convention art. 36; the mandatory list).</summary>
public sealed class ConsularDutyTests
{
    private static readonly Instant Booked = Instant.FromUtc(2026, 3, 2, 14, 0);

    [Theory]
    [InlineData("JM", true)]
    [InlineData("cn", true)]  // codes are read whatever their case
    [InlineData("HK", true)]  // China includes Hong Kong and Macao
    [InlineData("TW", false)] // not holders of a Taiwan passport
    [InlineData("GI", true)]  // a British Overseas Territory
    [InlineData("MX", false)]
    [InlineData(null, false)]
    public void TheMandatoryList_NamesItsCountriesAndTerritories(string? country, bool mandatory) =>
        Assert.Equal(mandatory, MandatoryNotification.IsMandatory(country));

    [Fact]
    public void AMandatoryCountryNational_IsOwedTheAdvisalInADay_AndTheNoticeIn72Hours_WhateverTheyWant()
    {
        var duty = ConsularDuty.Of("NG", Booked, []);
        Assert.True(duty.Mandatory);
        Assert.Equal(Booked + Duration.FromHours(24), duty.NextDue);

        var declined = duty.With(new ConsularAdvisal(Booked + Duration.FromHours(2), "dso-1", Requested: false));
        Assert.Null(declined.AdvisalDue);
        Assert.Equal(Booked + Duration.FromHours(72), declined.NextDue);

        var told = declined.With(new ConsularNotice(Booked + Duration.FromHours(73), "jms", ConsularMethod.Fax, "Consulate General of Nigeria, Atlanta", null));
        Assert.Null(told.NextDue);
        Assert.False(told.NoticeInTime);
    }

    [Fact]
    public void AnotherNational_IsOwedTheNoticeOnlyOnceTheyAsk_72HoursFromAsking()
    {
        var duty = ConsularDuty.Of("MX", Booked, [new ConsularAdvisal(Booked + Duration.FromHours(1), "dso-1", Requested: false)]);
        Assert.Null(duty.NextDue);
        Assert.Null(duty.NoticeInTime);

        var asked = duty.With(new ConsularAdvisal(Booked + Duration.FromHours(5), "dso-1", Requested: true));
        Assert.Equal(Booked + Duration.FromHours(1), asked.AdvisedAt); // told once, at the first advisal
        Assert.Equal(Booked + Duration.FromHours(77), asked.NextDue);
        Assert.True(asked.With(new ConsularNotice(Booked + Duration.FromHours(30), "jms", ConsularMethod.Email, "Consulate of Mexico, Orlando", "C-1")).NoticeInTime);
    }

    [Theory]
    [InlineData("US")]
    [InlineData("")]
    [InlineData(null)]
    public void AUsNational_OrNoNationalityOnRecord_IsOwedNothing_AndNothingCanBeRecorded(string? nationality)
    {
        var duty = ConsularDuty.Of(nationality, Booked, []);
        Assert.False(duty.Applies);
        Assert.Null(duty.NextDue);
        Assert.NotNull(duty.Problem(new ConsularAdvisal(Booked, "dso-1", true)));
    }

    [Fact]
    public void ANotice_NamesTheConsulate_WithinItsLimits()
    {
        var duty = ConsularDuty.Of("PH", Booked, []);
        Assert.StartsWith("Consulate: name the consulate", duty.Problem(new ConsularNotice(Booked, "jms", ConsularMethod.Phone, "", null)), StringComparison.Ordinal);
        Assert.Contains("at most 200", duty.Problem(new ConsularNotice(Booked, "jms", ConsularMethod.Phone, new string('x', 201), null)), StringComparison.Ordinal);
        Assert.Contains("at most 100", duty.Problem(new ConsularNotice(Booked, "jms", ConsularMethod.Phone, "Philippine Consulate General", new string('x', 101))), StringComparison.Ordinal);
        Assert.Null(duty.Problem(new ConsularNotice(Booked, "jms", ConsularMethod.Phone, "Philippine Consulate General", "C-9")));
    }
}
