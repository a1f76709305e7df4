using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OrleansPlatform.Runtime.Transport;
using static OrleansPlatform.Runtime.Tests.Transport.TransportTestKit;

namespace OrleansPlatform.Runtime.Tests.Transport;

public sealed class TlsTests : IDisposable
{
    private readonly X509Certificate2 _certificate = CreateSelfSigned();

    public void Dispose() => _certificate.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task Round_trip_over_tls_with_a_pinned_self_signed_certificate()
    {
        var serverSawTls = false;
        var handler = new DelegateFrameHandler((frame, peer, _) =>
        {
            serverSawTls = peer.IsTls;
            return ValueTask.FromResult<ResponseFrame?>(new ResponseFrame(frame.Header, frame.Body));
        });
        await using var listener = await StartListenerAsync(handler, o =>
        {
            o.UseTls = true;
            o.Certificate = _certificate;
        });
        var thumbprint = _certificate.Thumbprint;
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client", o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            o.RemoteCertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;
        }));

        var response = await connection.SendRequestAsync(Utf8("h"), Utf8("secret payload"), Bound);

        Assert.Equal("secret payload", Text(response.Body));
        Assert.True(serverSawTls);
        Assert.True(connection.Peer!.IsTls);
    }

    [Fact(Timeout = 30_000)]
    public async Task Untrusted_certificate_is_refused_by_default_validation()
    {
        var handler = DelegateFrameHandler.Echo();
        await using var listener = await StartListenerAsync(handler, o =>
        {
            o.UseTls = true;
            o.Certificate = _certificate;
        });
        await using var connection = SiloTransport.CreateConnection(listener.BoundEndPoint!, Options("client", o => o.UseTls = true));

        await Assert.ThrowsAsync<TransportConnectException>(() => connection.SendRequestAsync(default, Utf8("x"), Bound));
        Assert.Equal(0, handler.Calls);
    }

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }
}
