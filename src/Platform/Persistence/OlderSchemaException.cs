using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Schoolplein.Platform.Persistence;

/// <summary>
/// The database holds migrations this build does not know: it was made by an older schema whose
/// migrations have since been squashed (or by a newer build). Migrating on top would fail halfway
/// or, worse, half-apply; the migrate step stops before touching anything and says so.
/// </summary>
public sealed class OlderSchemaException(string context, IReadOnlyList<string> unknown)
    : Exception($"The database was made by another schema: {context} has applied migrations this build does not know " +
                $"({string.Join(", ", unknown.Take(3))}{(unknown.Count > 3 ? ", …" : "")}). No school runs on this schema yet: " +
                "reset the database (for ./run.sh: delete the .data folder) and migrate again.")
{
    public IReadOnlyList<string> Unknown { get; } = unknown;

    /// <summary>Throws when <paramref name="db"/>'s history holds a migration its assembly does not have.</summary>
    public static async Task ThrowIfUnknownAsync(DbContext db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(ct)).Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new OlderSchemaException(db.GetType().Name, unknown);
        }
    }
}
