using System.Diagnostics;

namespace Liaison.Documents.Tests;

/// <summary>Debian's poppler-utils (pdftotext, pdftoppm, pdffonts), which ./test.sh installs: what a reader of the PDF gets.</summary>
internal static class Poppler
{
    public static string Text(byte[] pdf) => Run("pdftotext", pdf, "-layout {0} -");

    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, "{0}");

    /// <summary>Renders the first page to a PNG file at <paramref name="pngWithoutExtension"/>.png (pdftoppm adds the extension).</summary>
    public static void FirstPage(byte[] pdf, string pngWithoutExtension) =>
        Run("pdftoppm", pdf, $"-png -r 80 -f 1 -l 1 -singlefile {{0}} \"{pngWithoutExtension}\"");

    private static string Run(string tool, byte[] pdf, string arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"liaison-doc-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, string.Format(System.Globalization.CultureInfo.InvariantCulture, arguments, $"\"{file}\""))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException($"{tool} did not start: install Debian's poppler-utils.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException($"{tool} took over a minute.");
            }

            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error.Result}");
            return output.Result;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
