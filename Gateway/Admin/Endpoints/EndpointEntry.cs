namespace OrleansPlatform.Gateway.Admin.Endpoints;

/// <summary>One endpoint the Gateway serves.</summary>
/// <param name="Methods">Its HTTP methods, upper case and sorted (<c>*</c>: any method).</param>
/// <param name="Route">Its route pattern as mapped (e.g. <c>/api/sessions/{id}</c>).</param>
/// <param name="Access">Who may call it: <c>admin</c> (the admin policy), <c>anonymous</c> (no authorization), or the
/// names of other authorization policies, comma-separated.</param>
public sealed record EndpointEntry(IReadOnlyList<string> Methods, string Route, string Access);
