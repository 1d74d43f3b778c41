namespace Schoolplein.Tenant.Web;

/// <summary>Marker for the school app's assembly (tests start it through WebApplicationFactory).</summary>
public sealed class TenantWebApp;
