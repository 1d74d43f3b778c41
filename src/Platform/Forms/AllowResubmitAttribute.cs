namespace Schoolplein.Platform.Forms;

/// <summary>
/// On a page model: its forms are not held to "one rendered form, one effect". For pages whose
/// POST creates nothing and whose answer must come from running again, such as sign-in (a
/// replayed redirect would not carry the new sign-in cookie) and sign-out.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowResubmitAttribute : Attribute;
