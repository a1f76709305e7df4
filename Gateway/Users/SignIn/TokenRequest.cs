namespace OrleansPlatform.Gateway.Users.SignIn;

/// <summary>The body of <c>POST /api/auth/token</c>.</summary>
/// <param name="User">The user name.</param>
/// <param name="Password">The password.</param>
public sealed record TokenRequest(string User, string Password);
