using System.Net;
using Npgsql;

namespace OrleansPlatform.Baselines;

/// <summary>What both issue-19 baselines start with: the loopback port, quiet logging, and the pooled data source.</summary>
public static class BaselineHost
{
    /// <summary>
    /// A web application builder listening on 127.0.0.1:<c>--port</c> (5090 by default) that logs warnings only, and
    /// the data source of <c>ORLEANSPLATFORM_BASELINE_POSTGRES</c> with <c>No Reset On Close</c> (a connection returned
    /// to the pool is not reset: no <c>DISCARD ALL</c>) and automatic preparation of every statement used twice.
    /// Null (after a message) when the variable is not set.
    /// </summary>
    public static (WebApplicationBuilder Builder, NpgsqlDataSource DataSource)? Create(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ORLEANSPLATFORM_BASELINE_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine("Set ORLEANSPLATFORM_BASELINE_POSTGRES to the PostgreSQL connection string of the database with the products table.");
            return null;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var port = builder.Configuration.GetValue("port", 5090);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 16, AutoPrepareMinUsages = 2 };
        var dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddProblemDetails();
        return (builder, dataSource);
    }
}
