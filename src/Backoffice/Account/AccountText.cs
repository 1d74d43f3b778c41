namespace Schoolplein.Backoffice.Account;

/// <summary>Resource anchor for the backoffice sign-in, two-factor and enrolment pages.</summary>
public sealed class AccountText;
