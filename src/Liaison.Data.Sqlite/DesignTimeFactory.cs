using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Liaison.Data.Sqlite;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web app (no database is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LiaisonDbContext>
{
    public LiaisonDbContext CreateDbContext(string[] args) => DataServices.CreateContext(new StorageOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "liaison-design-time") });
}
