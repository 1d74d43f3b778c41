namespace Schoolplein.Tenant.Web.Home;

/// <summary>Resource anchor for the home page.</summary>
public sealed class HomeText;
