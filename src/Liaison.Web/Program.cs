namespace Liaison.Web;

public static class Program
{
    public static void Main(string[] args) => LiaisonWebApp.Build(args).Run();
}
