namespace Schoolplein.Tenant.Web.BareDomain;

/// <summary>Resource anchor for the product's own pages on the bare base domain.</summary>
public sealed class BareDomainText;
