namespace OrleansPlatform.Testing;

/// <summary>Polls a condition with a generous bound, for effects that happen in the background.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? within = null)
    {
        // The default is a hang guard, several times what a background effect takes on a loaded machine.
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
