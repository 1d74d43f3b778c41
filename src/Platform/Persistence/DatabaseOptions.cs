using System.ComponentModel.DataAnnotations;

namespace Schoolplein.Platform.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Role of the school app: not owner, not superuser, no BYPASSRLS.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string AppRole { get; set; } = "schoolplein_app";

    /// <summary>Role of the backoffice: may bypass row-level security; only the backoffice uses it.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string BackofficeRole { get; set; } = "schoolplein_backoffice";
}
