using System.Text.Json.Serialization;

namespace OrleansPlatform.Runtime.Messaging;

/// <summary>Source-generated (de)serialization of message headers: no reflection on the remote call path.</summary>
[JsonSerializable(typeof(CallHeader))]
[JsonSerializable(typeof(ReplyHeader))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, UseStringEnumConverter = false)]
internal sealed partial class MessagingJsonContext : JsonSerializerContext
{
}
