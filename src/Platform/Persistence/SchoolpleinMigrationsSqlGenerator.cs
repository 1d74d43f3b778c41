using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// The school database's migrations SQL generator: the append-only triggers of its base, and
/// row-level security on every table that has a <c>tenant_id</c> column, when the
/// migration creates the table or adds the column. Generated migrations therefore never
/// need hand-written RLS, and a new tenant-owned table cannot forget it.
/// </summary>
#pragma warning disable EF1001 // INpgsqlSingletonOptions is internal API; the generator's constructor requires it.
public sealed class SchoolpleinMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies, INpgsqlSingletonOptions npgsqlOptions)
    : AppendOnlyMigrationsSqlGenerator(dependencies, npgsqlOptions)
#pragma warning restore EF1001
{
    public const string TenantColumn = "tenant_id";
    public const string PolicyName = "tenant_isolation";

    protected override void Generate(
        CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Columns.Any(c => c.Name == TenantColumn))
        {
            if (!operation.IsAppendOnly())
            {
                EndOpenStatement(builder, terminate);
            }
            EnableRowLevelSecurity(operation.Schema, operation.Name, builder);
        }
    }

    protected override void Generate(
        AddColumnOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.Name == TenantColumn)
        {
            EndOpenStatement(builder, terminate);
            EnableRowLevelSecurity(operation.Schema, operation.Table, builder);
        }
    }

    private void EnableRowLevelSecurity(string? schema, string table, MigrationCommandListBuilder builder)
    {
        var name = Dependencies.SqlGenerationHelper.DelimitIdentifier(table, schema);
        var policy = Dependencies.SqlGenerationHelper.DelimitIdentifier(PolicyName);
        const string condition = $"{TenantColumn} = NULLIF(current_setting('app.tenant_id', true), '')::uuid";
        builder.AppendLine($"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;").EndCommand();
        builder.AppendLine($"ALTER TABLE {name} FORCE ROW LEVEL SECURITY;").EndCommand();
        builder.AppendLine($"CREATE POLICY {policy} ON {name} USING ({condition}) WITH CHECK ({condition});").EndCommand();
    }
}
