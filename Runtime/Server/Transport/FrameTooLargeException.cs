namespace OrleansPlatform.Runtime.Transport;

/// <summary>A frame's payload (header blob + body blob) exceeds <see cref="TransportOptions.MaxFrameSize"/>.</summary>
public sealed class FrameTooLargeException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public FrameTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FrameTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public FrameTooLargeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a frame of <paramref name="size"/> bytes against a limit.</summary>
    public FrameTooLargeException(long size, int maxSize)
        : base($"Frame payload of {size} bytes exceeds the maximum frame size of {maxSize} bytes.")
    {
        Size = size;
        MaxSize = maxSize;
    }

    /// <summary>The offending payload size in bytes.</summary>
    public long Size { get; }

    /// <summary>The limit in bytes.</summary>
    public int MaxSize { get; }
}
