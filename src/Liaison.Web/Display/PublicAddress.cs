using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using QRCoder;

namespace Liaison.Web.Display;

/// <summary>
/// Where the public reaches Liaison, for what is printed (the complaints poster, survey invitations):
/// <c>Liaison:PublicAddress</c> when set, else the address the page was opened at; and a QR code of an address.
/// </summary>
public static class PublicAddress
{
    public static string Root(IConfiguration configuration, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(request);
        return (configuration["Liaison:PublicAddress"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}").TrimEnd('/');
    }

    /// <summary>The address as a QR code, an SVG that scales to its box.</summary>
    public static string QrSvg(string address)
    {
        using var data = QRCodeGenerator.GenerateQrCode(address, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(240, 240), "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
