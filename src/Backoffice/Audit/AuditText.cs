namespace Schoolplein.Backoffice.Audit;

/// <summary>Resource anchor for the audit log page.</summary>
public sealed class AuditText;
