using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;
using Npgsql;
using OrleansPlatform.SessionBaseline;

// The baseline for `bench/run.sh sessions`: the catalog search of the platform's `catalog-search` application as a
// plain ASP.NET Core app whose page state lives in ASP.NET Core Session over a PostgreSQL IDistributedCache.
//   ORLEANSPLATFORM_BASELINE_POSTGRES='Host=...;Database=...' dotnet OrleansPlatform.SessionBaseline.dll --port 5090
// Listens on 127.0.0.1 only. The products table must exist (the platform's migration and seeder make it).
// --key-directory DIR keeps the Data Protection key ring (which protects the session cookie) in DIR, as servers sharing
// sessions must; without it the key ring lives in memory (one process: enough for the benchmark).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var connectionString = Environment.GetEnvironmentVariable("ORLEANSPLATFORM_BASELINE_POSTGRES");
if (string.IsNullOrWhiteSpace(connectionString))
{
    await Console.Error.WriteLineAsync("Set ORLEANSPLATFORM_BASELINE_POSTGRES to the PostgreSQL connection string of the database with the products table.");
    return 2;
}

var port = builder.Configuration.GetValue("port", 5090);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<PostgresDistributedCacheOptions>();
builder.Services.AddSingleton<IDistributedCache, PostgresDistributedCache>();
builder.Services.AddSingleton<ProductSearch>();
builder.Services.AddProblemDetails();

var dataProtection = builder.Services.AddDataProtection().SetApplicationName("OrleansPlatform.SessionBaseline");
if (builder.Configuration["key-directory"] is { Length: > 0 } keyDirectory)
{
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyDirectory));
}
else
{
    builder.Services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new InMemoryXmlRepository());
}

builder.Services.AddSession(options =>
{
    options.IdleTimeout = TimeSpan.FromMinutes(20);
    options.Cookie.Name = ".baseline.session";
    options.Cookie.HttpOnly = true;
    options.Cookie.IsEssential = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddSingleton<ISessionStore, CommitOnceSessionStore>();

var app = builder.Build();
await using (var schema = dataSource.CreateCommand(PostgresDistributedCache.Schema))
{
    await schema.ExecuteNonQueryAsync();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSession();
app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
app.MapBaselineApi();
await app.RunAsync();
return 0;
