using OrleansPlatform.Gateway;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Cluster;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Gateway.Health;
using OrleansPlatform.Runtime.Client;
using OrleansPlatform.Silo.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddSiloConfiguration(args);

// Embedded (default): the gateway hosts a silo in-process (as Orleans co-hosting does), a cluster of one unless other
// silos join. Cluster: the gateway hosts no grains and reaches the silos through the cluster client.
if (string.Equals(builder.Configuration["Gateway:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddClusterClient();
}
else
{
    builder.AddOrleansPlatformSilo();
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls(builder.Configuration["Gateway:Url"] ?? "http://127.0.0.1:5080");
}

builder.Services.AddGatewayFrontDoor();

var app = builder.Build();
app.UseGatewayErrorHandling();
app.MapHealthEndpoint();
app.MapClusterEndpoints();
app.MapSessionApi();
app.MapAppPages();
app.MapHomePage();

return await StartupErrorReporter.RunAsync(app, async () =>
{
    await app.StartAsync();
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"OrleansPlatform is running at {url} (Ctrl-C to stop)");
    }

    await app.WaitForShutdownAsync();
});
