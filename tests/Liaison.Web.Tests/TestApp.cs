namespace Liaison.Web.Tests;

internal static class TestApp
{
    /// <summary>A fresh app on its own database, seeded and ready.</summary>
    public static async Task<LiaisonWebFactory> StartAsync(int smtpPort = 0)
    {
        var factory = new LiaisonWebFactory { SmtpPort = smtpPort };
        await factory.InitializeAsync();
        return factory;
    }
}
