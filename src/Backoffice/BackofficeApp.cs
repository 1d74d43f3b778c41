namespace Schoolplein.Backoffice;

/// <summary>Marker for the backoffice app's assembly (tests start it through WebApplicationFactory).</summary>
public sealed class BackofficeApp;
