using System.Security.Cryptography;

namespace OrleansPlatform.Testing;

/// <summary>Environment for platform processes started by tests: a fresh cluster id and secret, and the test database.</summary>
public static class TestEnvironment
{
    public static Dictionary<string, string> ForPlatformProcess(TestDatabase? database)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ORLEANSPLATFORM_Silo__ClusterId"] = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            ["ORLEANSPLATFORM_Transport__ClusterSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        };
        foreach (var (key, value) in database?.EnvironmentVariables ?? new Dictionary<string, string>())
        {
            environment["ORLEANSPLATFORM_" + key] = value;
        }

        return environment;
    }
}
