using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Liaison.Data.Persistence;

/// <summary>
/// One prepared INSERT or UPDATE of an entity's table, built from the EF model (table, columns, value
/// conversions), executed once per row (inside the caller's transaction, when there is one). The bulk write path's tool: a
/// statement compiled once and bound per row, with no key read back (keys the database generates are
/// left out; every other key is assigned by the writer), costs a fraction of EF's per-row INSERT ... RETURNING.
/// </summary>
internal sealed class RowCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;
    private readonly DbParameter? _guard;
    private bool _prepared;

    private sealed record Column(IClrPropertyGetter Getter, ValueConverter? Converter, DbParameter Parameter);

    private RowCommand(DbCommand command, Column[] columns, DbParameter? guard)
    {
        _command = command;
        _columns = columns;
        _guard = guard;
    }

    /// <summary>
    /// INSERT of every stored column of <typeparamref name="T"/> except a key the database generates.
    /// <paramref name="ignoreDuplicates"/>: a row that would break a unique index is skipped (ON CONFLICT DO NOTHING,
    /// understood by SQLite and PostgreSQL alike).
    /// </summary>
    public static RowCommand Insert<T>(DbContext db, bool ignoreDuplicates = false)
    {
        var (table, properties, command) = Start<T>(db);
        var stored = properties.Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        var columns = Bind(command, stored);
#pragma warning disable CA2100 // table and column names come from the EF model, values are parameters
        command.CommandText = $"INSERT INTO {Quote(table)} ({string.Join(", ", stored.Select(p => Quote(ColumnOf(p, table))))}) " +
            $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter.ParameterName))})" + (ignoreDuplicates ? " ON CONFLICT DO NOTHING" : "");
#pragma warning restore CA2100
        return new RowCommand(command, columns, null);
    }

    /// <summary>
    /// UPDATE of the columns <paramref name="columns"/> (property names) of <typeparamref name="T"/> by primary key, only
    /// while <paramref name="guardColumn"/> still holds the value given to <see cref="ExecuteAsync"/> (optimistic
    /// concurrency): 0 rows means someone else wrote first. Only the columns named are written, so indexes on the others
    /// are left alone.
    /// </summary>
    public static RowCommand Update<T>(DbContext db, string guardColumn, IReadOnlyCollection<string> columns)
    {
        var (table, properties, command) = Start<T>(db);
        var keys = properties.Where(p => p.IsPrimaryKey()).ToList();
        var values = properties.Where(p => !p.IsPrimaryKey() && columns.Contains(p.Name)).ToList();
        var valueColumns = Bind(command, values);
        var keyColumns = Bind(command, keys, "k");
        var guard = command.CreateParameter();
        guard.ParameterName = "@guard";
        command.Parameters.Add(guard);
#pragma warning disable CA2100 // names from the EF model, values are parameters
        command.CommandText = $"UPDATE {Quote(table)} SET " +
            string.Join(", ", values.Zip(valueColumns, (p, c) => $"{Quote(ColumnOf(p, table))} = {c.Parameter.ParameterName}")) +
            " WHERE " + string.Join(" AND ", keys.Zip(keyColumns, (p, c) => $"{Quote(ColumnOf(p, table))} = {c.Parameter.ParameterName}")) +
            $" AND {Quote(guardColumn)} = @guard";
#pragma warning restore CA2100
        return new RowCommand(command, [.. valueColumns, .. keyColumns], guard);
    }

    /// <summary>Binds <paramref name="entity"/>'s values (and the concurrency guard) and runs the statement; the rows it changed.</summary>
    public async Task<int> ExecuteAsync(object entity, object? guard, CancellationToken ct)
    {
        foreach (var column in _columns)
        {
            var value = column.Getter.GetClrValueUsingContainingEntity(entity);
            if (value is not null && column.Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            column.Parameter.Value = value ?? DBNull.Value;
        }

        if (_guard is not null)
        {
            _guard.Value = guard ?? DBNull.Value;
        }

        if (!_prepared)
        {
            await _command.PrepareAsync(ct); // after the first binding, so the provider sees the parameters' types
            _prepared = true;
        }

        return await _command.ExecuteNonQueryAsync(ct);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();

    private static (string Table, List<IProperty> Properties, DbCommand Command) Start<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction(); // the caller's, when it has one
        return (table, [.. entity.GetProperties()], command);
    }

    private static Column[] Bind(DbCommand command, IReadOnlyList<IProperty> properties, string prefix = "p") =>
    [
        .. properties.Select((p, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@{prefix}{i}";
            command.Parameters.Add(parameter);
            return new Column(p.GetGetter(), p.GetTypeMapping().Converter, parameter);
        }),
    ];

    private static string ColumnOf(IProperty property, string table) =>
        property.GetColumnName(StoreObjectIdentifier.Table(table)) ?? property.Name;

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
