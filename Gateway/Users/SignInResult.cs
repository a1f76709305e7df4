namespace OrleansPlatform.Gateway.Users;

/// <summary>The outcome of <see cref="IUserDirectory.SignInAsync"/>: the user when accepted, how long a lockout lasts when locked out.</summary>
public sealed record SignInResult(SignInOutcome Outcome, UserView? User, TimeSpan RetryAfter);
