using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>
/// Carries exceptions across processes by type name and message. On the receiving side the same type is rebuilt when
/// it is loaded there and has a (string message) constructor (looked up once per type, on the error path only);
/// otherwise the caller gets <see cref="RemoteGrainException"/> with the original type name.
/// </summary>
internal static class RemoteExceptionCodec
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>?> s_factories = new(StringComparer.Ordinal);

    public static ReplyHeader Encode(Exception exception) => new()
    {
        Status = ReplyStatus.Error,
        ExceptionType = exception.GetType().FullName,
        Message = exception.Message,
        Details = exception is DeadlockException deadlock ? deadlock.CallChain.Select(g => g.ToString()).ToArray() : null,
    };

    public static Exception Decode(ReplyHeader header)
    {
        var typeName = header.ExceptionType ?? typeof(RemoteGrainException).FullName!;
        var message = header.Message ?? string.Empty;
        if (typeName == typeof(DeadlockException).FullName && header.Details is { } chain)
        {
            return new DeadlockException(chain.Select(GrainId.Parse).ToList());
        }

        var factory = s_factories.GetOrAdd(typeName, FindFactory);
        return factory is null ? new RemoteGrainException(typeName, message) : factory(message);
    }

    private static Func<string, Exception>? FindFactory(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        var constructor = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
        return constructor is null ? null : message => (Exception)constructor.Invoke([message]);
    }
}
