namespace OrleansPlatform.Gateway.Users.SignIn;

/// <summary>The answer of <c>POST /api/auth/token</c>: send <c>Authorization: Bearer {token}</c> until <paramref name="ExpiresAt"/>.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="ExpiresAt">When the token stops being accepted.</param>
public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);
