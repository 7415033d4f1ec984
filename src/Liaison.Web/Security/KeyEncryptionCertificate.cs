using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Data;
using Liaison.Data.Persistence;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Security;

/// <summary>
/// The certificate that encrypts the data-protection keys (which sign cookies and antiforgery tokens) at rest.
/// An agency configures its own (<c>Liaison:KeyCertificate</c>, a PKCS#12 file, and
/// <c>Liaison:KeyCertificatePassword</c>), ideally kept apart from the data folder; without one, Liaison makes a
/// self-signed certificate in the data folder (mode 0600) on first start, as the demo does.
/// </summary>
public sealed class KeyEncryptionCertificate(IOptions<StorageOptions> storage, IConfiguration configuration)
{
    public const string GeneratedFile = "key-encryption.pfx";

    private readonly Lazy<X509Certificate2> _certificate = new(() => Load(storage.Value.DataDirectory, configuration));

    public X509Certificate2 Certificate => _certificate.Value;

    private static X509Certificate2 Load(string dataDirectory, IConfiguration configuration)
    {
        if (configuration["Liaison:KeyCertificate"] is { Length: > 0 } configured)
        {
            return X509CertificateLoader.LoadPkcs12FromFile(configured, configuration["Liaison:KeyCertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        }

        PrivateFiles.Prepare(dataDirectory);
        var path = Path.Combine(Path.GetFullPath(dataDirectory), GeneratedFile);
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=Liaison data-protection keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
            var now = DateTimeOffset.FromUnixTimeSeconds(0).AddYears(50); // validity is not checked for key encryption; a fixed span keeps the clock out
            using var created = request.CreateSelfSigned(now.AddYears(-30), now.AddYears(80));
            // Written beside it, then renamed into place: instances starting together on one folder never read a
            // half-written file, and the first rename wins (the others use that one).
            var written = $"{path}.{Guid.NewGuid():N}.tmp";
            using (var file = PrivateFiles.Create(written, FileMode.CreateNew))
            {
                file.Write(created.Export(X509ContentType.Pkcs12));
            }

            try
            {
                File.Move(written, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(written);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
    }
}

/// <summary>
/// Encrypts each data-protection key before it is written: a fresh AES-256-GCM key per data-protection key,
/// wrapped with the certificate's RSA public key (OAEP, SHA-256). Ours rather than the framework's certificate
/// encryptor because that one finds its decryption certificate only in the machine's certificate store, while
/// Liaison's certificate comes from configuration (or the data folder).
/// </summary>
public sealed class CertificateKeyEncryptor(KeyEncryptionCertificate certificate) : Microsoft.AspNetCore.DataProtection.XmlEncryption.IXmlEncryptor
{
    public Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlInfo Encrypt(System.Xml.Linq.XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var cert = certificate.Certificate;
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag);
        }

        using var rsa = cert.GetRSAPublicKey() ?? throw new InvalidOperationException("The key-encryption certificate has no RSA key.");
        var element = new System.Xml.Linq.XElement("encryptedKey",
            new System.Xml.Linq.XAttribute("certificate", cert.Thumbprint),
            new System.Xml.Linq.XElement("wrappedKey", Convert.ToBase64String(rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256))),
            new System.Xml.Linq.XElement("nonce", Convert.ToBase64String(nonce)),
            new System.Xml.Linq.XElement("tag", Convert.ToBase64String(tag)),
            new System.Xml.Linq.XElement("ciphertext", Convert.ToBase64String(cipher)));
        CryptographicOperations.ZeroMemory(key);
        return new(element, typeof(CertificateKeyDecryptor));
    }
}

/// <summary>Reverses <see cref="CertificateKeyEncryptor"/>; created by the data-protection system with the app's services.</summary>
public sealed class CertificateKeyDecryptor(IServiceProvider services) : Microsoft.AspNetCore.DataProtection.XmlEncryption.IXmlDecryptor
{
    public System.Xml.Linq.XElement Decrypt(System.Xml.Linq.XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var cert = services.GetRequiredService<KeyEncryptionCertificate>().Certificate;
        if (!string.Equals((string?)encryptedElement.Attribute("certificate"), cert.Thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new CryptographicException($"A data-protection key was encrypted with certificate {(string?)encryptedElement.Attribute("certificate")}, not the configured {cert.Thumbprint}.");
        }

        byte[] Part(string name) => Convert.FromBase64String((string?)encryptedElement.Element(name) ?? throw new CryptographicException($"Encrypted key without {name}."));
        using var rsa = cert.GetRSAPrivateKey() ?? throw new CryptographicException("The key-encryption certificate has no private key.");
        var key = rsa.Decrypt(Part("wrappedKey"), RSAEncryptionPadding.OaepSHA256);
        var cipher = Part("ciphertext");
        var tag = Part("tag");
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Decrypt(Part("nonce"), cipher, tag, plain);
        }

        CryptographicOperations.ZeroMemory(key);
        return System.Xml.Linq.XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
