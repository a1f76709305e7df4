using System.Reflection;
using System.Text;
using System.Text.Json;
using OrleansPlatform.Generated;
using OrleansPlatform.Runtime.Invocation;

namespace OrleansPlatform.Runtime.Tests.CodeGen;

/// <summary>Exercises the code the generator emitted into this test assembly for the interfaces in TestGrainInterfaces.cs.</summary>
public sealed class GeneratedCodeRuntimeTests
{
    private static readonly GrainId Id = new("calculator", "42");

    private static GrainInterfaceMetadata MetadataFor<TInterface>()
    {
        var attribute = Assert.Single(
            typeof(GeneratedCodeRuntimeTests).Assembly.GetCustomAttributes<GrainInterfaceMetadataAttribute>(),
            a => ((GrainInterfaceMetadata)Activator.CreateInstance(a.MetadataType)!).InterfaceType == typeof(TInterface));
        return (GrainInterfaceMetadata)Activator.CreateInstance(attribute.MetadataType)!;
    }

    private static GrainMethodDescriptor Descriptor(GrainInterfaceMetadata metadata, string name)
        => metadata.Methods.Single(m => m.MethodName == name);

    [Fact]
    public void Assembly_attributes_register_metadata_for_every_grain_interface()
    {
        var types = typeof(GeneratedCodeRuntimeTests).Assembly.GetCustomAttributes<GrainInterfaceMetadataAttribute>()
            .Select(a => ((GrainInterfaceMetadata)Activator.CreateInstance(a.MetadataType)!).InterfaceType)
            .ToHashSet();

        Assert.Superset(
            new HashSet<Type> { typeof(ICalculatorGrain), typeof(IProfileGrain), typeof(IPingA), typeof(IPingB), typeof(IPingBoth) },
            types);
    }

    [Fact]
    public void Metadata_describes_the_interface()
    {
        var metadata = MetadataFor<ICalculatorGrain>();

        Assert.IsType<OrleansPlatform_Runtime_Tests_CodeGen_ICalculatorGrain_Metadata>(metadata);
        Assert.Equal("OrleansPlatform.Runtime.Tests.CodeGen.ICalculatorGrain", metadata.InterfaceName);
        Assert.Equal(GrainKeyKind.Integer, metadata.KeyKind);
        Assert.Equal(GrainKeyKind.Guid, MetadataFor<IProfileGrain>().KeyKind);
        Assert.Equal(GrainKeyKind.String, MetadataFor<IPingA>().KeyKind);
        Assert.Equal(
            ["Add", "Echo", "Split", "CountWords", "Reset", "Clear", "Notify", "NotifyValue", "Peek"],
            metadata.Methods.Select(m => m.MethodName));
        Assert.All(metadata.Methods, m => Assert.Equal(metadata.InterfaceName, m.InterfaceName));
        Assert.True(Descriptor(metadata, "Notify").IsOneWay);
        Assert.True(Descriptor(metadata, "NotifyValue").IsOneWay);
        Assert.True(Descriptor(metadata, "Peek").AlwaysInterleaves);
        Assert.False(Descriptor(metadata, "Add").IsOneWay || Descriptor(metadata, "Add").AlwaysInterleaves);
        Assert.Same(OrleansPlatform_Runtime_Tests_CodeGen_ICalculatorGrain_Metadata.Instance.Methods[0], metadata.Methods[0]);
    }

    [Fact]
    public void CreateRequest_returns_the_request_of_each_method_and_rejects_unknown_ids()
    {
        var metadata = MetadataFor<ICalculatorGrain>();
        foreach (var descriptor in metadata.Methods)
        {
            Assert.Same(descriptor, metadata.CreateRequest(descriptor.MethodId).Method);
        }

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => metadata.CreateRequest(7u));
        Assert.Contains("ICalculatorGrain", error.Message, StringComparison.Ordinal);
        Assert.Contains(" 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_builds_requests_with_arguments_and_returns_the_invoker_result()
    {
        var invoker = new RecordingInvoker { Target = new Calculator() };
        var metadata = MetadataFor<ICalculatorGrain>();
        var reference = metadata.CreateReference(Id, invoker);
        var calculator = Assert.IsAssignableFrom<ICalculatorGrain>(reference);

        Assert.Equal(Id, reference.GrainId);
        Assert.Same(metadata.GetType(), reference.InterfaceMetadata.GetType());
        Assert.Equal(5, await calculator.Add(2, 3));

        var (target, request) = Assert.Single(invoker.Calls);
        Assert.Same(reference, target);
        Assert.Same(Descriptor(metadata, "Add"), request.Method);
        Assert.Equal(2, request.ArgumentCount);
        Assert.Equal(2, request.GetArgument(0));
        Assert.Equal(3, request.GetArgument(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.GetArgument(2));
        Assert.Equal(default, request.CancellationToken);
    }

    [Fact]
    public async Task Proxy_passes_the_cancellation_token_on_the_request_not_as_an_argument()
    {
        var grain = new Calculator();
        var invoker = new RecordingInvoker { Target = grain };
        var calculator = (ICalculatorGrain)MetadataFor<ICalculatorGrain>().CreateReference(Id, invoker);
        using var cancellation = new CancellationTokenSource();

        Assert.Equal("echo:hi", await calculator.Echo("hi", cancellation.Token));
        Assert.Null(await calculator.Echo(null, cancellation.Token));
        var counts = await calculator.CountWords(["a", "b", "a"], cancellation.Token);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }, counts);
        Assert.All(invoker.Calls, call => Assert.Equal(cancellation.Token, call.Request.CancellationToken));
        Assert.All(invoker.Calls, call => Assert.Equal(1, call.Request.ArgumentCount));
        Assert.Equal(cancellation.Token, grain.LastToken);
        Assert.Equal(new[] { "a", "b", "a" }, invoker.Calls[2].Request.GetArgument(0));
    }

    [Fact]
    public async Task Proxy_handles_value_tasks_and_plain_tasks()
    {
        var grain = new Calculator();
        var invoker = new RecordingInvoker { Target = grain };
        var calculator = (ICalculatorGrain)MetadataFor<ICalculatorGrain>().CreateReference(Id, invoker);

        Assert.Equal(["a", "b", "c"], await calculator.Split("a,b,c", ','));
        await calculator.Reset();
        await calculator.Clear();
        Assert.Equal(103, await calculator.Peek("abc"));

        Assert.Equal(["reset", "clear"], grain.Log);
        Assert.Equal(["Split", "Reset", "Clear", "Peek"], invoker.Calls.Select(c => c.Request.Method.MethodName));
        Assert.IsAssignableFrom<GrainRequest<None>>(invoker.Calls[1].Request);
        Assert.IsAssignableFrom<GrainRequest<None>>(invoker.Calls[2].Request);
        Assert.Equal("abc", invoker.Calls[3].Request.GetArgument(0));
        Assert.Null(invoker.Calls[3].Request.GetArgument(1));
    }

    [Fact]
    public async Task One_way_methods_are_sent_without_awaiting_a_response()
    {
        var invoker = new RecordingInvoker();
        var calculator = (ICalculatorGrain)MetadataFor<ICalculatorGrain>().CreateReference(Id, invoker);

        var task = calculator.Notify("hello");
        var valueTask = calculator.NotifyValue(7);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.True(valueTask.IsCompletedSuccessfully);
        await task;
        await valueTask;
        Assert.Empty(invoker.Calls);
        Assert.Equal(2, invoker.OneWayCalls.Count);
        Assert.Equal("Notify", invoker.OneWayCalls[0].Request.Method.MethodName);
        Assert.Equal("hello", invoker.OneWayCalls[0].Request.GetArgument(0));
        Assert.Equal(7, invoker.OneWayCalls[1].Request.GetArgument(0));
        Assert.True(invoker.OneWayCalls[1].Request.Method.IsOneWay);
    }

    [Fact]
    public async Task Requests_invoke_the_grain_typed_and_boxed()
    {
        var grain = new Calculator();
        var metadata = MetadataFor<ICalculatorGrain>();

        var add = (GrainRequest<int>)ReadRequest(metadata, "Add", "[40,2]");
        Assert.Equal(42, await add.InvokeAsync(grain));
        Assert.Equal(42, await add.InvokeBoxedAsync(grain));

        var echo = (GrainRequest<string?>)ReadRequest(metadata, "Echo", "[\"x\"]");
        using var cancellation = new CancellationTokenSource();
        echo.CancellationToken = cancellation.Token;
        Assert.Equal("echo:x", await echo.InvokeAsync(grain));
        Assert.Equal(cancellation.Token, grain.LastToken);

        var clear = (GrainRequest<None>)ReadRequest(metadata, "Clear", "[]");
        Assert.Equal(default, await clear.InvokeAsync(grain));
        var reset = ReadRequest(metadata, "Reset", "[]");
        Assert.Equal(default(None), await reset.InvokeBoxedAsync(grain));
        var notify = ReadRequest(metadata, "NotifyValue", "[9]");
        await notify.InvokeBoxedAsync(grain);
        Assert.Equal(["clear", "reset", "value:9"], grain.Log);

        await Assert.ThrowsAsync<InvalidCastException>(() => add.InvokeAsync(new Pinger()).AsTask());
    }

    [Fact]
    public async Task Method_inherited_from_two_interfaces_is_one_request_and_both_explicit_implementations_send_it()
    {
        var metadata = MetadataFor<IPingBoth>();
        var invoker = new RecordingInvoker { Target = new Pinger() };
        var reference = metadata.CreateReference(new GrainId("ping", "p"), invoker);

        Assert.Equal(["Both", "Ping", "OnlyA"], metadata.Methods.Select(m => m.MethodName));
        Assert.Equal("pong:a", await ((IPingA)reference).Ping("a"));
        Assert.Equal("pong:b", await ((IPingB)reference).Ping("b"));
        Assert.Equal(1, await ((IPingBoth)reference).OnlyA());
        Assert.Equal("both", await ((IPingBoth)reference).Both());

        Assert.Same(invoker.Calls[0].Request.Method, invoker.Calls[1].Request.Method);
        Assert.Equal(Descriptor(MetadataFor<IPingA>(), "Ping").MethodId, invoker.Calls[0].Request.Method.MethodId);
        Assert.Equal("OrleansPlatform.Runtime.Tests.CodeGen.IPingBoth", invoker.Calls[0].Request.Method.InterfaceName);
    }

    [Fact]
    public void Arguments_round_trip_through_json()
    {
        var invoker = new RecordingInvoker();
        var calculator = (ICalculatorGrain)MetadataFor<ICalculatorGrain>().CreateReference(Id, invoker);
        var profiles = (IProfileGrain)MetadataFor<IProfileGrain>().CreateReference(new GrainId("profile", "p"), invoker);
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2));

        _ = calculator.Add(-1, int.MaxValue);
        _ = calculator.Echo(null, CancellationToken.None);
        _ = calculator.Split("a\"b", '\n').AsTask();
        _ = calculator.CountWords(["x", "y"]);
        _ = calculator.Peek("evt", 5);
        _ = calculator.Clear();
        _ = profiles.Set(new Profile("Ada", 36, ["math", "engines"]), at);

        foreach (var (target, original) in invoker.Calls)
        {
            var json = Write(original);
            var copy = Read(target.InterfaceMetadata.CreateRequest(original.Method.MethodId), json);

            Assert.Equal(original.ArgumentCount, copy.ArgumentCount);
            for (var i = 0; i < original.ArgumentCount; i++)
            {
                var expected = original.GetArgument(i);
                var actual = copy.GetArgument(i);
                if (expected is Profile profile)
                {
                    var copied = Assert.IsType<Profile>(actual);
                    Assert.Equal((profile.Name, profile.Age), (copied.Name, copied.Age));
                    Assert.Equal(profile.Tags, copied.Tags);
                }
                else
                {
                    Assert.Equal(expected, actual);
                }
            }

            Assert.Equal(json, Write(copy));
        }

        Assert.Equal("[-1,2147483647]", Write(invoker.Calls[0].Request));
        Assert.Equal("[]", Write(invoker.Calls[5].Request));
    }

    [Theory]
    [InlineData("Add", "[1]")]
    [InlineData("Add", "[1,2,3]")]
    [InlineData("Add", "[]")]
    [InlineData("Add", "{\"a\":1}")]
    [InlineData("Clear", "[1]")]
    [InlineData("Echo", "[]")]
    public void Wrong_argument_count_in_json_throws_json_exception(string method, string json)
    {
        var metadata = MetadataFor<ICalculatorGrain>();
        var error = Assert.Throws<JsonException>(() => ReadRequest(metadata, method, json));
        Assert.Contains("ICalculatorGrain." + method, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_leaves_the_reader_on_the_end_of_the_array()
    {
        var request = MetadataFor<ICalculatorGrain>().CreateRequest(Descriptor(MetadataFor<ICalculatorGrain>(), "Add").MethodId);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("[[1,2],\"next\"]"));
        reader.Read();
        reader.Read();

        request.ReadArguments(ref reader, JsonSerializerOptions.Default);

        Assert.Equal(JsonTokenType.EndArray, reader.TokenType);
        Assert.True(reader.Read());
        Assert.Equal("next", reader.GetString());
        Assert.Equal(1, request.GetArgument(0));
        Assert.Equal(2, request.GetArgument(1));
    }

    private static GrainRequest ReadRequest(GrainInterfaceMetadata metadata, string method, string json)
        => Read(metadata.CreateRequest(Descriptor(metadata, method).MethodId), json);

    private static GrainRequest Read(GrainRequest request, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        request.ReadArguments(ref reader, JsonSerializerOptions.Default);
        return request;
    }

    private static string Write(GrainRequest request)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteArguments(writer, JsonSerializerOptions.Default);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
