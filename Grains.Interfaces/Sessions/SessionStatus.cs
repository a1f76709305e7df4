namespace OrleansPlatform.Grains.Sessions;

public enum SessionStatus
{
    Active,
    Expired,
}
