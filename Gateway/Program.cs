using OrleansPlatform.Gateway;
using OrleansPlatform.Gateway.Admin;
using OrleansPlatform.Gateway.Admission;
using OrleansPlatform.Gateway.Api;
using OrleansPlatform.Gateway.Cluster;
using OrleansPlatform.Gateway.Health;
using OrleansPlatform.Gateway.OpenApi;
using OrleansPlatform.Gateway.Pages;
using OrleansPlatform.Gateway.Users.SignIn;
using OrleansPlatform.Silo.Hosting;
using OrleansPlatform.Silo.Hosting.Configuration;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddPlatformConfiguration(args);

// Embedded (default): the Gateway co-hosts an Orleans silo (UseOrleans in the web host), a cluster of one on the
// embedded SQLite database. Cluster: the Gateway hosts no grains and is an Orleans client of the silos.
if (string.Equals(builder.Configuration["Gateway:Mode"], "Cluster", StringComparison.OrdinalIgnoreCase))
{
    builder.AddOrleansPlatformClient();
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
builder.Services.AddGatewayAdmission();
builder.Services.AddGatewayOpenApi();
builder.Services.AddAdmin();

var app = builder.Build();
app.UseGatewayErrorHandling();
app.UseGatewayAdmission();
app.UseAuthentication();
app.UseAuthorization();
app.MapGatewayOpenApi();
app.MapHealthEndpoint();
app.MapClusterEndpoints();
app.MapApplicationApi();
app.MapSessionApi();
app.MapUserSignIn();
app.MapAppPages();
app.MapHomePage();
app.MapPageAssets();
app.MapAdmin();

return await StartupErrorReporter.RunAsync(app, async () =>
{
    await app.StartAsync();

    // Gateway:AnnounceUrl: behind a balancer the URL users open is the balancer's, not this Gateway's ("none": say nothing).
    var announce = builder.Configuration["Gateway:AnnounceUrl"];
    foreach (var url in string.IsNullOrEmpty(announce) ? app.Urls : announce == "none" ? [] : [announce])
    {
        Console.WriteLine($"OrleansPlatform is running at {url} (Ctrl-C to stop)");
    }

    await app.WaitForShutdownAsync();
});
