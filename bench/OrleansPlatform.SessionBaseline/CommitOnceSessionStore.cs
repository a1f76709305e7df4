using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Session;
using Microsoft.Extensions.Caching.Distributed;

namespace OrleansPlatform.SessionBaseline;

/// <summary>
/// The standard <see cref="DistributedSession"/>, wrapped so that a second commit in the same request is skipped when
/// nothing changed since the first. The endpoints commit explicitly before answering (so a failed write is an error
/// the client sees, and the client cannot read the next state before it is stored); the session middleware then
/// commits again after the endpoint, and <see cref="DistributedSession"/> would answer that with a needless
/// <c>Refresh</c> (one more database round trip per request).
/// </summary>
public sealed class CommitOnceSessionStore(IDistributedCache cache, ILoggerFactory loggerFactory) : ISessionStore
{
    /// <inheritdoc/>
    public ISession Create(string sessionKey, TimeSpan idleTimeout, TimeSpan ioTimeout, Func<bool> tryEstablishSession, bool isNewSessionKey) =>
        new CommitOnceSession(new DistributedSession(cache, sessionKey, idleTimeout, ioTimeout, tryEstablishSession, loggerFactory, isNewSessionKey));

    private sealed class CommitOnceSession(ISession inner) : ISession
    {
        private bool _committed;
        private bool _changedSinceCommit;

        public bool IsAvailable => inner.IsAvailable;

        public string Id => inner.Id;

        public IEnumerable<string> Keys => inner.Keys;

        public Task LoadAsync(CancellationToken cancellationToken = default) => inner.LoadAsync(cancellationToken);

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            if (_committed && !_changedSinceCommit)
            {
                return;
            }

            await inner.CommitAsync(cancellationToken);
            _committed = true;
            _changedSinceCommit = false;
        }

        public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value) => inner.TryGetValue(key, out value);

        public void Set(string key, byte[] value)
        {
            inner.Set(key, value);
            _changedSinceCommit = true;
        }

        public void Remove(string key)
        {
            inner.Remove(key);
            _changedSinceCommit = true;
        }

        public void Clear()
        {
            inner.Clear();
            _changedSinceCommit = true;
        }
    }
}
