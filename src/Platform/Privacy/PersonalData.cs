using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Platform.Privacy;

/// <summary>
/// One feature's part of "download all my data" (AVG art. 15 and 20). A feature registers its
/// contributor with <see cref="PrivacyRegistration.AddPersonalData{T}"/> and adds what it stores
/// about <see cref="PersonalDataExport.UserId"/> — never other people's data beyond what the
/// person needs to understand their own (e.g. a child's name, not the other guardian's).
/// Queries run in the person's school scope, so another school's rows are out of reach.
/// </summary>
public interface IPersonalDataContributor
{
    Task ContributeAsync(PersonalDataExport export, CancellationToken ct);
}

/// <summary>What the contributors collect: named JSON sections and files (e.g. the profile photo).</summary>
public sealed class PersonalDataExport(Guid userId)
{
    private readonly SortedDictionary<string, object?> _sections = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public Guid UserId => userId;
    public IReadOnlyDictionary<string, object?> Sections => _sections;
    public IReadOnlyDictionary<string, byte[]> Files => _files;

    /// <summary>Adds a section under a camelCase name; each name once.</summary>
    public void Add(string section, object? data)
    {
        if (!_sections.TryAdd(section, data))
        {
            throw new InvalidOperationException($"Section {section} was added twice.");
        }
    }

    /// <summary>Adds a file next to the JSON, e.g. "profielfoto.jpg"; each name once.</summary>
    public void AddFile(string name, byte[] content)
    {
        if (name.Contains('/') || name.Contains('\\') || name == PersonalDataExporter.JsonFileName || !_files.TryAdd(name, content))
        {
            throw new InvalidOperationException($"File {name} is not allowed or was added twice.");
        }
    }
}

/// <summary>Runs every contributor and packs the result: a ZIP with one JSON document and the files.</summary>
public sealed class PersonalDataExporter(IEnumerable<IPersonalDataContributor> contributors, TenantContext tenant, TimeProvider time)
{
    public const string JsonFileName = "mijn-gegevens.json";
    public const string Format = "schoolplein.personal-data/1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async Task<PersonalDataExport> CollectAsync(Guid userId, CancellationToken ct = default)
    {
        var export = new PersonalDataExport(userId);
        foreach (var contributor in contributors)
        {
            await contributor.ContributeAsync(export, ct);
        }
        return export;
    }

    public async Task<byte[]> ZipAsync(Guid userId, CancellationToken ct = default)
    {
        var export = await CollectAsync(userId, ct);
        var school = tenant.Required;
        var document = new Dictionary<string, object?>
        {
            ["format"] = Format,
            ["exportedAt"] = time.GetUtcNow(),
            ["school"] = new { school.Name, school.Slug },
        };
        foreach (var (name, data) in export.Sections)
        {
            document[name] = data;
        }
        document["files"] = export.Files.Keys.ToList();

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var json = zip.CreateEntry(JsonFileName, CompressionLevel.Optimal);
            await using (var stream = json.Open())
            {
                await JsonSerializer.SerializeAsync(stream, document, Json, ct);
            }
            foreach (var (name, content) in export.Files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                await using var stream = entry.Open();
                await stream.WriteAsync(content, ct);
            }
        }
        return buffer.ToArray();
    }
}

public static class PrivacyRegistration
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PersonalDataExporter>();
        services.AddScoped<AccountDeletion>();
        services.AddPersonalData<RosterPersonalData>();
        services.AddAccountDeletionParticipant<RosterPersonalData>();
        services.AddPersonalData<NotificationsPersonalData>();
        services.AddAccountDeletionParticipant<NotificationsPersonalData>();
        services.AddPersonalData<EmailPersonalData>();
        services.AddAccountDeletionParticipant<EmailPersonalData>();
        return services;
    }

    /// <summary>Adds a feature's part of the data export.</summary>
    public static IServiceCollection AddPersonalData<T>(this IServiceCollection services) where T : class, IPersonalDataContributor
    {
        services.TryAddScoped<T>();
        services.AddScoped<IPersonalDataContributor>(sp => sp.GetRequiredService<T>());
        return services;
    }

    /// <summary>Adds a feature's step in account deletion.</summary>
    public static IServiceCollection AddAccountDeletionParticipant<T>(this IServiceCollection services) where T : class, IAccountDeletionParticipant
    {
        services.TryAddScoped<T>();
        services.AddScoped<IAccountDeletionParticipant>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
