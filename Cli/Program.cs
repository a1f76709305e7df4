using OrleansPlatform.Cli;
using OrleansPlatform.Cli.Output;

var environment = CliEnvironment.FromProcess();
return await new OplatCommandLine(Terminal.ForProcess(environment), environment).RunAsync(args);
