using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;

namespace Multinet.KubeApi.Hosting;

/// <summary>
/// The self-signed certificate of the API's HTTPS endpoint, created on first start and kept in the data directory so
/// kubeconfigs stay valid across restarts. TLS is needed because client-go (kubectl) never sends a bearer token over
/// plain HTTP.
/// </summary>
internal static class ApiCertificate
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromDays(3650);

    /// <param name="path">Where the certificate is kept.</param>
    /// <param name="host">A host name or address clients use besides localhost and loopback; a kept certificate without it is replaced.</param>
    public static X509Certificate2 LoadOrCreate(string path, string host)
    {
        if (File.Exists(path))
        {
            var existing = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            if (existing.NotAfter > DateTime.Now.AddDays(30) && existing.MatchesHostname(host))
            {
                return existing;
            }

            existing.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=multinet-embedded-api", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var hostAddress))
        {
            names.AddIpAddress(hostAddress);
        }
        else if (host != "localhost")
        {
            names.AddDnsName(host);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var created = request.CreateSelfSigned(now, now.Add(s_lifetime));
        var pfx = created.Export(X509ContentType.Pkcs12);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, pfx);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }

    /// <summary>The certificate as PEM, for a kubeconfig's certificate-authority-data.</summary>
    public static string ToPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();
}
