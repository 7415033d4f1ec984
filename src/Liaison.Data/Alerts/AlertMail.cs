using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Alerts;

/// <summary>An alert e-mail. It names the booking number and the deadline, never the person: e-mail leaves the building.</summary>
public sealed record AlertMail(string Subject, string Body)
{
    /// <summary>
    /// The message's id, the same each time this alert is sent: should an instance die after the server took the
    /// message but before noting it sent, the next leader's resend is recognisably the same message.
    /// </summary>
    public string? MessageId { get; init; }

    private static readonly ZonedDateTimePattern LocalTime = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu HH':'mm '('z')'", null);

    public static AlertMail For(AlertRecord alert, DateTimeZone zone, string agency)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var when = LocalTime.Format(alert.DueAt.InZone(zone));
        var (subjectName, open) = alert.IsComplaint ? ("complaint", "the complaint") : ("booking", "the case");
        var subject = $"[Liaison] {AlertKinds.Describe(alert.Kind)}: {subjectName} {alert.BookingId}";
        var body = $"""
            {AlertKinds.Describe(alert.Kind)}.

            {(alert.IsComplaint ? "Complaint" : "Booking")}: {alert.BookingId}
            {AboutLine(alert.Kind)}: {when}

            Open {open} in Liaison to act. This message was sent by {agency}'s Liaison deadline monitor.
            """;
        return new AlertMail(subject, body) { MessageId = $"alert-{alert.Id}-{alert.DueAt.ToUnixTimeSeconds()}@liaison.invalid" };
    }

    private static string AboutLine(string kind) => kind switch
    {
        AlertKinds.HoldExpired or AlertKinds.Deadline24h or AlertKinds.Deadline4h or AlertKinds.Deadline1h => "Hold deadline",
        AlertKinds.DutyHalfway or AlertKinds.IceNoticeOverdue => "ICE to be told by",
        AlertKinds.ComplaintOverdue => "Due",
        _ => "At",
    };
}

public interface IAlertMailer
{
    bool IsConfigured { get; }

    Task SendAsync(string to, AlertMail mail, CancellationToken ct);
}

/// <summary>SMTP settings (section "Smtp"). Host empty: no e-mail is sent; alerts still show in the inbox.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary>STARTTLS when the server offers it; "none" only for a local relay or tests.</summary>
    public string Security { get; set; } = "auto";

    public string From { get; set; } = "liaison@localhost";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}

public sealed class SmtpAlertMailer(IOptions<SmtpOptions> options) : IAlertMailer
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Host);

    public async Task SendAsync(string to, AlertMail mail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        foreach (var address in to.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = mail.Subject;
        if (mail.MessageId is { } id)
        {
            message.MessageId = id;
        }
        message.Body = new TextPart("plain") { Text = mail.Body };

        using var client = new SmtpClient();
        var security = o.Security == "none" ? SecureSocketOptions.None : SecureSocketOptions.Auto;
        await client.ConnectAsync(o.Host, o.Port, security, ct);
        if (!string.IsNullOrEmpty(o.UserName))
        {
            await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
