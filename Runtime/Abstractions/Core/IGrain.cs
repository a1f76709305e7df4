namespace OrleansPlatform.Runtime;

/// <summary>Marker for every grain interface. Use one of the keyed variants.</summary>
public interface IGrain : IAddressable
{
}

/// <summary>A grain identified by a string key.</summary>
public interface IGrainWithStringKey : IGrain
{
}

/// <summary>A grain identified by a <see cref="System.Guid"/> key.</summary>
public interface IGrainWithGuidKey : IGrain
{
}

/// <summary>A grain identified by a 64-bit integer key.</summary>
public interface IGrainWithIntegerKey : IGrain
{
}

/// <summary>Anything that has a grain identity (grains and grain references).</summary>
public interface IAddressable
{
}
