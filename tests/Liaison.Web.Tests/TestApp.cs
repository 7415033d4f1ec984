namespace Liaison.Web.Tests;

internal static class TestApp
{
    /// <summary>A fresh app on its own database, seeded and ready.</summary>
    public static async Task<LiaisonWebFactory> StartAsync(int smtpPort = 0) => await StartAsync(f => f.SmtpPort = smtpPort);

    /// <summary>A fresh app configured by <paramref name="configure"/> before it starts.</summary>
    public static async Task<LiaisonWebFactory> StartAsync(Action<LiaisonWebFactory> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var factory = new LiaisonWebFactory();
        configure(factory);
        await factory.InitializeAsync();
        return factory;
    }
}
