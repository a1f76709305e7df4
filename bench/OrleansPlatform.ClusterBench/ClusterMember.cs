namespace OrleansPlatform.ClusterBench;

/// <summary>
/// One silo incarnation as the database records it: its Orleans id (<c>address:port@generation</c>), its name and status
/// in <c>OrleansMembershipTable</c> (3 Active, 6 Dead), and its process id from <c>platform_silos</c> (0 until the silo
/// has registered).
/// </summary>
internal sealed record ClusterMember(string SiloId, string Address, int Port, int Generation, string Name, int Status, int Pid)
{
    public const int Active = 3;
    public const int Dead = 6;
}
