using OrleansPlatform.Gateway.Health;
using OrleansPlatform.Silo.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddSiloConfiguration(args);

// Single-machine mode: the gateway hosts its silo in-process (as Orleans co-hosting does).
builder.AddOrleansPlatformSilo();
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls(builder.Configuration["Gateway:Url"] ?? "http://127.0.0.1:5080");
}

var app = builder.Build();
app.MapHealthEndpoint();

return await StartupErrorReporter.RunAsync(app, async () =>
{
    await app.StartAsync();
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"OrleansPlatform is running at {url} (Ctrl-C to stop)");
    }

    await app.WaitForShutdownAsync();
});
