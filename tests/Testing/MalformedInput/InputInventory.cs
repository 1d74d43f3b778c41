using System.Reflection;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Schoolplein.Platform.Tenancy;

namespace Schoolplein.Testing.MalformedInput;

/// <summary>What a parameter holds, as far as attacking it goes.</summary>
public enum InputKind
{
    Date,
    /// <summary>"yyyy-MM" (the calendar's month).</summary>
    Month,
    Time,
    /// <summary>"HH:mm-HH:mm, …" (conference breaks).</summary>
    TimeRanges,
    Number,
    Enum,
    Guid,
    /// <summary>A string the page maps onto a fixed set (an enum name, a role, "large").</summary>
    Choice,
    /// <summary>The timeline's paging cursor "{pinned}-{ticks}-{id}".</summary>
    Cursor,
    /// <summary>"2026-2027".</summary>
    SchoolYear,
}

public enum InputSource
{
    Route,
    Query,
    Form,
    Body,
}

/// <summary>One handler of one endpoint: a page handler (GET or POST, maybe named) or a minimal API method.</summary>
public sealed record Target(RouteEndpoint Endpoint, string Method, string? Handler, bool IsPage)
{
    public string Route => "/" + (Endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    public HostKind? Host => (Endpoint.Metadata.GetMetadata<IHostRequirementMetadata>() ?? HostRequirement.School).Kind;

    public override string ToString() => $"{Method} {Route}{(Handler is null ? "" : "?handler=" + Handler)}";
}

/// <summary>A parameter or bound form field a client can send to a target.</summary>
public sealed record InputField(Target Target, string Name, InputKind Kind, InputSource Source, string Origin)
{
    public override string ToString() => $"{Target} [{Source.ToString().ToLowerInvariant()} {Name}: {Kind}]";
}

/// <summary>
/// Every date, time, number, enum, Guid and parsed-string parameter of the school app, found by
/// reflection on the endpoints of its <see cref="EndpointDataSource"/>: page handler parameters and
/// bound properties (recursively into input models) and minimal API parameters. A type the sweep
/// does not know how to attack lands in <see cref="Unknown"/>, and the sweep fails on it.
/// </summary>
public sealed partial class InputInventory
{
    private readonly IReadOnlyDictionary<string, InputKind> _parsedStrings;
    private readonly IReadOnlySet<string> _freeText;

    /// <param name="parsedStrings">
    /// String parameters the app parses, found by reading its pages. Keys: "{route} {parameter}" for
    /// handler and API parameters, "{Feature.Type}.{Property}" (namespace after the app's root) for bound models.
    /// </param>
    /// <param name="freeText">Strings whose names look like dates or numbers but hold free text (reviewed).</param>
    private InputInventory(IReadOnlyDictionary<string, InputKind> parsedStrings, IReadOnlySet<string> freeText) =>
        (_parsedStrings, _freeText) = (parsedStrings, freeText);

    public List<Target> Targets { get; } = [];
    public List<InputField> Fields { get; } = [];
    /// <summary>Strings taken as free text: not attacked (listed in the sweep's output).</summary>
    public List<string> Strings { get; } = [];
    /// <summary>Parameters the sweep cannot attack: each fails the sweep.</summary>
    public List<string> Unknown { get; } = [];

    /// <summary>
    /// The parameters of an app. A string named like a date or number that is neither in
    /// <paramref name="parsedStrings"/> nor in <paramref name="freeText"/> lands in <see cref="Unknown"/>,
    /// so a new one gets a look.
    /// </summary>
    public static InputInventory Of(IServiceProvider services, IReadOnlyDictionary<string, InputKind> parsedStrings, IReadOnlySet<string> freeText)
    {
        var inventory = new InputInventory(parsedStrings, freeText);
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var page = endpoint.Metadata.OfType<CompiledPageActionDescriptor>().FirstOrDefault();
            if (page is not null)
            {
                inventory.AddPage(endpoint, page);
            }
            else if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is { } method)
            {
                inventory.AddApi(endpoint, method, isService);
            }
        }
        return inventory;
    }

    private void AddPage(RouteEndpoint endpoint, CompiledPageActionDescriptor page)
    {
        foreach (var handler in page.HandlerMethods)
        {
            var target = new Target(endpoint, handler.HttpMethod.ToUpperInvariant(), handler.Name, true);
            Targets.Add(target);
            var isGet = target.Method == "GET";
            foreach (var parameter in handler.Parameters)
            {
                var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
                var source = IsRouteParameter(endpoint, name) ? InputSource.Route : isGet ? InputSource.Query : InputSource.Form;
                Visit(target, name, parameter.ParameterType, source, $"{target.Route} {parameter.Name}", parameter.ParameterInfo, 0);
            }
            foreach (var property in page.BoundProperties)
            {
                var info = ((IPropertyInfoParameterDescriptor)property).PropertyInfo;
                var attribute = info.GetCustomAttribute<BindPropertyAttribute>();
                if (isGet && attribute?.SupportsGet != true)
                {
                    continue;
                }
                var name = property.BindingInfo?.BinderModelName ?? property.Name;
                Visit(target, name, property.ParameterType, isGet ? InputSource.Query : InputSource.Form, Key(info), info, 0);
            }
        }
    }

    private void AddApi(RouteEndpoint endpoint, MethodInfo method, IServiceProviderIsService isService)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
        foreach (var verb in methods)
        {
            var target = new Target(endpoint, verb, null, false);
            Targets.Add(target);
            foreach (var parameter in method.GetParameters())
            {
                var type = parameter.ParameterType;
                if (parameter.GetCustomAttribute<FromServicesAttribute>() is not null || isService.IsService(type) || IsContext(type))
                {
                    continue;
                }
                var name = parameter.Name!;
                var source = IsRouteParameter(endpoint, name) ? InputSource.Route
                    : IsScalar(type) || type == typeof(string) || IsCollection(type, out _) ? InputSource.Query
                    : InputSource.Body;
                Visit(target, source == InputSource.Body ? "" : name, type, source, $"{target.Route} {name}", parameter, 0);
            }
        }
    }

    private static bool IsContext(Type type) =>
        type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse)
        || type == typeof(CancellationToken) || type == typeof(ClaimsPrincipal) || type == typeof(Stream);

    private static bool IsRouteParameter(RouteEndpoint endpoint, string name) =>
        endpoint.RoutePattern.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private void Visit(Target target, string name, Type type, InputSource source, string key, ICustomAttributeProvider? member, int depth)
    {
        if (member?.IsDefined(typeof(BindNeverAttribute), true) == true)
        {
            return;
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(CancellationToken) || typeof(IFormFile).IsAssignableFrom(type) || typeof(IFormFileCollection).IsAssignableFrom(type)
            || (IsCollection(type, out var files) && typeof(IFormFile).IsAssignableFrom(files)))
        {
            return;
        }
        if (type == typeof(bool))
        {
            // Model binding makes a bool true, false or a model error (then false): there is nothing to parse.
            return;
        }
        if (type == typeof(string))
        {
            if (_parsedStrings.TryGetValue(key, out var parsed))
            {
                Fields.Add(new InputField(target, name, parsed, source, key));
            }
            else if (LooksParsed().IsMatch(name.Split('.')[^1]) && !_freeText.Contains(key))
            {
                Unknown.Add($"{target} {name}: a string named like a date or number (classify '{key}' as parsed or free text)");
            }
            else
            {
                Strings.Add($"{target} {name}");
            }
            return;
        }
        if (Scalar(type) is { } kind)
        {
            Fields.Add(new InputField(target, name, kind, source, key));
            return;
        }
        if (IsCollection(type, out var element))
        {
            var itemName = IsScalar(element) || element == typeof(string) ? name : $"{name}[0]";
            Visit(target, itemName, element, source, key, null, depth + 1);
            return;
        }
        if (depth < 4 && type.IsClass && type.Namespace?.StartsWith("Schoolplein.", StringComparison.Ordinal) == true)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
            {
                var child = name.Length == 0 ? property.Name : $"{name}.{property.Name}";
                Visit(target, child, property.PropertyType, source, Key(property), property, depth + 1);
            }
            return;
        }
        Unknown.Add($"{target} {name}: {type.FullName}");
    }

    /// <summary>"Calendar.EventForm.StartDate": the namespace after the app's root ("Schoolplein.Tenant.Web.") and nested types with dots.</summary>
    private static string Key(PropertyInfo property)
    {
        var type = property.DeclaringType!.FullName!.Replace('+', '.');
        var parts = type.Split('.');
        return $"{string.Join('.', parts.Skip(parts[0] == "Schoolplein" && parts.Length > 3 ? (parts[1] == "Tenant" ? 3 : 2) : 0))}.{property.Name}";
    }

    private static bool IsScalar(Type type) => Scalar(Nullable.GetUnderlyingType(type) ?? type) is not null || type == typeof(bool);

    private static InputKind? Scalar(Type type)
    {
        if (type.IsEnum)
        {
            return InputKind.Enum;
        }
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return InputKind.Date;
        }
        if (type == typeof(TimeOnly) || type == typeof(TimeSpan))
        {
            return InputKind.Time;
        }
        if (type == typeof(Guid))
        {
            return InputKind.Guid;
        }
        return Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32
            or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal
            ? InputKind.Number : null;
    }

    private static bool IsCollection(Type type, out Type element)
    {
        element = typeof(object);
        if (type == typeof(string))
        {
            return false;
        }
        if (type.IsArray)
        {
            element = type.GetElementType()!;
            return true;
        }
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is null)
        {
            return false;
        }
        element = enumerable.GetGenericArguments()[0];
        return true;
    }

    [GeneratedRegex("(?i)(date|time|month|week|day|^from$|^to$|start|end$|until|after|before|opens|closes|cutoff|minutes|capacity|order|breaks|size|year|birth|count|number|weeks|lock|^p$|uses|^id$|id$|ids$)")]
    private static partial Regex LooksParsed();
}
