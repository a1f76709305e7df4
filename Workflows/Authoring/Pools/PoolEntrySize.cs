namespace OrleansPlatform.Workflows.Pools;

/// <summary>One pool entry (e.g. <c>composite[order-entry].page</c>) and its encoded size in bytes.</summary>
public sealed record PoolEntrySize(string Entry, int Bytes);
