namespace Liaison.Web;

/// <summary>Entry point for running the web app on its own (<c>dotnet Liaison.Web.dll</c>); <c>./liaison demo</c> uses the same composition root.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static void Main(string[] args) => LiaisonWebApp.Build(args).Run();
}
