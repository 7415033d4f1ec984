using NodaTime;

namespace Liaison.Web.Security;

/// <summary>
/// The injected NodaTime clock as the framework's <see cref="TimeProvider"/>, so that cookie lifetimes (idle lock,
/// shift length) run on the same clock as everything else Liaison records, and tests can move it.
/// </summary>
public sealed class ClockTimeProvider(IClock clock) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => clock.GetCurrentInstant().ToDateTimeOffset();
}
