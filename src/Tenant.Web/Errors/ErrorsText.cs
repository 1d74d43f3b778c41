namespace Schoolplein.Tenant.Web.Errors;

/// <summary>Resource anchor for error pages.</summary>
public sealed class ErrorsText;
