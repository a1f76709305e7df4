using Microsoft.AspNetCore.Authorization;
using OrleansPlatform.Gateway.Admin.Authentication;

namespace OrleansPlatform.Gateway.Admin.Endpoints;

/// <summary>
/// Every endpoint routing knows (the same data source the router matches against), with the access its metadata
/// demands: what <c>GET /admin/api/endpoints</c> shows, so a test can hold the real Gateway to a reviewed list.
/// </summary>
internal sealed class EndpointInventory(EndpointDataSource endpoints)
{
    /// <summary>The <see cref="EndpointEntry.Access"/> of an endpoint behind the admin policy.</summary>
    public const string Admin = "admin";

    /// <summary>The <see cref="EndpointEntry.Access"/> of an endpoint with no authorization.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The route endpoints, by route then methods.</summary>
    public IReadOnlyList<EndpointEntry> List() => endpoints.Endpoints
        .OfType<RouteEndpoint>()
        .Select(e => new EndpointEntry(Methods(e), "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), Access(e)))
        .Distinct(EntryComparer.Instance)
        .OrderBy(e => e.Route, StringComparer.Ordinal)
        .ThenBy(e => string.Join(',', e.Methods), StringComparer.Ordinal)
        .ToList();

    private static List<string> Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods
            ? methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal).ToList()
            : ["*"];

    // Authorization as the middleware reads it: [AllowAnonymous] wins; otherwise every IAuthorizeData applies.
    private static string Access(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anonymous;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy == AdminAuthentication.Policy ? Admin : a.Policy ?? "authenticated")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return policies.Count == 0 ? Anonymous : string.Join(',', policies);
    }

    private sealed class EntryComparer : IEqualityComparer<EndpointEntry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(EndpointEntry? x, EndpointEntry? y) =>
            x is not null && y is not null && x.Route == y.Route && x.Access == y.Access && x.Methods.SequenceEqual(y.Methods);

        public int GetHashCode(EndpointEntry obj) => HashCode.Combine(obj.Route, obj.Access, string.Join(',', obj.Methods));
    }
}
