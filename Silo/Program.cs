using Microsoft.Extensions.Hosting;
using OrleansPlatform.Silo.Hosting;
using OrleansPlatform.Silo.Hosting.Configuration;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddPlatformConfiguration(args);
builder.AddOrleansPlatformSilo();
using var host = builder.Build();
return await StartupErrorReporter.RunAsync(host, () => host.RunAsync());
