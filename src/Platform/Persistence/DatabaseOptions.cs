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

    /// <summary>
    /// How long a page waits for the database to accept connections again (a restart takes a
    /// few seconds) before it answers 503 "try again shortly" instead of an error.
    /// </summary>
    [Range(0, 60)]
    public int ConnectWaitSeconds { get; set; } = 10;
}
