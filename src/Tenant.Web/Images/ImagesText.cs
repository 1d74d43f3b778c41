using Schoolplein.Platform.Images;

namespace Schoolplein.Tenant.Web.Images;

/// <summary>
/// Resource anchor for refused picture uploads (<see cref="ImageProblems"/> keys): one clear sentence
/// per reason, the same for every page that takes pictures.
/// </summary>
public sealed class ImagesText;
