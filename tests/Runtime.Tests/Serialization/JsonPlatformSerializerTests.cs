using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using OrleansPlatform.Runtime.Serialization;

namespace OrleansPlatform.Runtime.Tests.Serialization;

public sealed class JsonPlatformSerializerTests
{
    [Fact]
    public void Uses_web_defaults_and_round_trips()
    {
        using var services = new ServiceCollection().AddPlatformSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<IPlatformSerializer>();

        var json = serializer.SerializeToUtf8Bytes(new Sample("x", [1, 2]));

        Assert.Equal("""{"title":"x","numbers":[1,2]}""", System.Text.Encoding.UTF8.GetString(json));
        Assert.Equal(["x"], new[] { serializer.Deserialize<Sample>("""{"TITLE":"x"}"""u8)!.Title });
        Assert.True(serializer.Options.IsReadOnly);
    }

    [Fact]
    public void Configured_resolvers_come_before_the_default_one()
    {
        var calls = 0;
        var counting = new DefaultJsonTypeInfoResolver();
        counting.Modifiers.Add(_ => Interlocked.Increment(ref calls));
        using var services = new ServiceCollection()
            .AddPlatformSerializer(options => options.TypeInfoResolvers.Add(counting))
            .BuildServiceProvider();

        services.GetRequiredService<IPlatformSerializer>().SerializeToUtf8Bytes(new Sample("x", []));

        Assert.True(calls > 0);
    }

    public sealed record Sample(string Title, int[] Numbers);
}
