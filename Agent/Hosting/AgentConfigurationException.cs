namespace OrleansPlatform.Agent.Hosting;

/// <summary>The agent's configuration cannot work; the message names the file or key. The agent exits with code 2.</summary>
public sealed class AgentConfigurationException : Exception
{
    public AgentConfigurationException()
    {
    }

    public AgentConfigurationException(string message)
        : base(message)
    {
    }

    public AgentConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
