using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using OrleansPlatform.Workflows.Data;

namespace OrleansPlatform.Gateway.Security;

/// <summary>
/// Keeps the data protection key ring in the cluster database so every Gateway protects and unprotects with the
/// same keys. The interface is synchronous; it is called when the key ring is loaded or rotated, not per request.
/// </summary>
internal sealed class DatabaseXmlRepository(IClusterDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        Task.Run(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            var rows = await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY friendly_name");
            return (IReadOnlyCollection<XElement>)rows.Select(XElement.Parse).ToList();
        }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) =>
        Task.Run(async () =>
        {
            await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync(
                "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@Name, @Xml) ON CONFLICT (friendly_name) DO NOTHING",
                new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        }).GetAwaiter().GetResult();
}
