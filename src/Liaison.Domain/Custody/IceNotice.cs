namespace Liaison.Domain.Custody;

/// <summary>How ICE was told (rule 14), as the officer records it with notify-ice.</summary>
public enum NoticeMethod
{
    Phone,
    Email,

    /// <summary>An entry in ICE's ENFORCE system.</summary>
    Enforce,
}

/// <summary>
/// The record of telling ICE: how, to whom, and the reference ICE gave. Kept with the step as evidence
/// that the duty was met; the engine needs only <see cref="NotifyIce.About"/>.
/// </summary>
public sealed record IceNotice(NoticeMethod? Method, string? Recipient, string? Reference)
{
    public static IceNotice None { get; } = new(null, null, null);
}

/// <summary>
/// Whether an interpreter was needed for an interview, as the 2025 agreement asks the record to show: the
/// question put to the person, their answer, the conclusion, and the interpreter's name when one was used.
/// </summary>
public sealed record InterpreterRecord(string? Question, string? Answer, bool? Needed, string? Name);
