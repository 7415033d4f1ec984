using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Data.Persistence;

/// <summary>
/// Which instance runs the timed jobs (the deadline monitor, the projection check, the DHS drop folder): exactly one
/// at a time, so an alert is raised and e-mailed once however many instances serve the database. On PostgreSQL the
/// leader holds a session advisory lock on a connection of its own for as long as it lives; when it dies, the server
/// drops the connection and the lock with it, and the next instance to ask (each asks before every pass, every 15 s
/// by default) takes over. On SQLite one instance serves one database file, and it always leads.
/// </summary>
public sealed partial class InstanceLeadership(IOptions<StorageOptions> storage, ILogger<InstanceLeadership> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Npgsql.NpgsqlConnection? _held;

    /// <summary>Whether this instance leads now: true while its lock's connection is alive; otherwise it tries to take the lock.</summary>
    public async Task<bool> IsLeaderAsync(CancellationToken ct)
    {
        if (!storage.Value.UsesPostgres)
        {
            return true;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_held is not null)
            {
                if (await AliveAsync(_held, ct))
                {
                    return true; // a session's advisory lock lasts as long as the session
                }

                await _held.DisposeAsync();
                _held = null;
                LogLost(logger);
            }

            // Its own connection, outside the pool: a pooled one could be reset or handed to someone else.
            var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(storage.Value.Postgres) { Pooling = false, KeepAlive = 10 }.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                await using var take = connection.CreateCommand();
                take.CommandText = $"SELECT pg_try_advisory_lock({AdvisoryLocks.Leader})";
                if (await take.ExecuteScalarAsync(ct) is true)
                {
                    _held = connection;
                    LogLeading(logger);
                    return true;
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                LogUnreachable(logger, e);
            }

            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<bool> AliveAsync(Npgsql.NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await using var ping = connection.CreateCommand();
            ping.CommandText = "SELECT 1";
            return await ping.ExecuteScalarAsync(ct) is 1;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_held is not null)
        {
            await _held.DisposeAsync(); // closing the session releases the lock at once
            _held = null;
        }

        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance now runs the deadline monitor and the other timed jobs")]
    private static partial void LogLeading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This instance lost its connection to the database and no longer runs the timed jobs; another instance takes over")]
    private static partial void LogLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach the database to take the lead of the timed jobs; trying again at the next interval")]
    private static partial void LogUnreachable(ILogger logger, Exception exception);
}
