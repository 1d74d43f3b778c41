namespace Schoolplein.Tenant.Web.Shared;

/// <summary>Resource anchor for the layout's texts.</summary>
public sealed class LayoutText;
