using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Liaison.Data.Postgres;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without starting the web app (no database is opened).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LiaisonDbContext>
{
    public LiaisonDbContext CreateDbContext(string[] args) => DataServices.CreateContext(new StorageOptions { Postgres = "Host=localhost;Database=liaison_design_time" });
}
