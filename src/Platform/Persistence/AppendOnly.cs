using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.Internal;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// "Append-only" as part of the model: a history that is proof for the school (consent answers,
/// read receipts, leave decisions, guardianship links, the backoffice audit) is marked with
/// <see cref="IsAppendOnly{T}"/>, and the migrations SQL generator turns the mark into triggers that
/// refuse UPDATE, DELETE and TRUNCATE for every role — like row-level security for tenant tables,
/// nobody writes the trigger by hand and a new history table cannot forget it.
/// </summary>
public static class AppendOnly
{
    public const string Annotation = "Schoolplein:AppendOnly";
    public const string RefuseFunction = "refuse_append_only_change";

    public static EntityTypeBuilder<T> IsAppendOnly<T>(this EntityTypeBuilder<T> builder) where T : class =>
        builder.HasAnnotation(Annotation, true);

    public static bool IsAppendOnly(this IReadOnlyEntityType entityType) => entityType.FindAnnotation(Annotation)?.Value is true;

    internal static bool IsAppendOnly(this IReadOnlyAnnotatable table) => table.FindAnnotation(Annotation)?.Value is true;

    /// <summary>The function (one per schema) and the two triggers of an append-only table.</summary>
    internal static void Create(string? schema, string table, ISqlGenerationHelper sql, MigrationCommandListBuilder builder)
    {
        var function = sql.DelimitIdentifier(RefuseFunction, schema);
        var name = sql.DelimitIdentifier(table, schema);
        builder.AppendLine($"""
            CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
            END $$;
            """).EndCommand();
        builder.AppendLine($"CREATE TRIGGER {sql.DelimitIdentifier(table + "_append_only")} BEFORE UPDATE OR DELETE ON {name} FOR EACH ROW EXECUTE FUNCTION {function}();").EndCommand();
        builder.AppendLine($"CREATE TRIGGER {sql.DelimitIdentifier(table + "_no_truncate")} BEFORE TRUNCATE ON {name} FOR EACH STATEMENT EXECUTE FUNCTION {function}();").EndCommand();
    }

    internal static void Drop(string? schema, string table, ISqlGenerationHelper sql, MigrationCommandListBuilder builder)
    {
        var name = sql.DelimitIdentifier(table, schema);
        builder.AppendLine($"DROP TRIGGER IF EXISTS {sql.DelimitIdentifier(table + "_append_only")} ON {name};").EndCommand();
        builder.AppendLine($"DROP TRIGGER IF EXISTS {sql.DelimitIdentifier(table + "_no_truncate")} ON {name};").EndCommand();
    }
}

/// <summary>
/// Carries the append-only mark from the entity type to its table, so the migrations differ sees it
/// (in CREATE TABLE, and as an ALTER TABLE when a table becomes append-only or stops being so).
/// </summary>
#pragma warning disable EF1001 // NpgsqlAnnotationProvider is internal API; it is the provider's own annotation provider we extend.
public sealed class SchoolpleinAnnotationProvider(RelationalAnnotationProviderDependencies dependencies)
    : NpgsqlAnnotationProvider(dependencies)
{
    public override IEnumerable<IAnnotation> For(ITable table, bool designTime)
    {
        foreach (var annotation in base.For(table, designTime))
        {
            yield return annotation;
        }
        if (designTime && table.EntityTypeMappings.Any(m => m.TypeBase is IEntityType entityType && entityType.IsAppendOnly()))
        {
            yield return new Annotation(AppendOnly.Annotation, true);
        }
    }
}
#pragma warning restore EF1001

/// <summary>
/// The migrations SQL generator of both databases: adds the append-only triggers (see
/// <see cref="AppendOnly"/>). The school database's generator adds row-level security on top.
/// </summary>
#pragma warning disable EF1001 // INpgsqlSingletonOptions is internal API; the generator's constructor requires it.
public class AppendOnlyMigrationsSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies, Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.Internal.INpgsqlSingletonOptions npgsqlOptions)
    : Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.NpgsqlMigrationsSqlGenerator(dependencies, npgsqlOptions)
#pragma warning restore EF1001
{
    protected override void Generate(
        CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        base.Generate(operation, model, builder, terminate);
        if (operation.IsAppendOnly())
        {
            EndOpenStatement(builder, terminate);
            AppendOnly.Create(operation.Schema, operation.Name, Dependencies.SqlGenerationHelper, builder);
        }
    }

    protected override void Generate(AlterTableOperation operation, IModel? model, MigrationCommandListBuilder builder)
    {
        base.Generate(operation, model, builder);
        if (operation.IsAppendOnly() && !operation.OldTable.IsAppendOnly())
        {
            AppendOnly.Create(operation.Schema, operation.Name, Dependencies.SqlGenerationHelper, builder);
        }
        else if (!operation.IsAppendOnly() && operation.OldTable.IsAppendOnly())
        {
            AppendOnly.Drop(operation.Schema, operation.Name, Dependencies.SqlGenerationHelper, builder);
        }
    }

    /// <summary>Ends the statement the base generator left open (it does when it batches CREATE TABLE with its comments).</summary>
    protected static void EndOpenStatement(MigrationCommandListBuilder builder, bool terminate)
    {
        if (!terminate)
        {
            builder.AppendLine(";");
            builder.EndCommand();
        }
    }
}
