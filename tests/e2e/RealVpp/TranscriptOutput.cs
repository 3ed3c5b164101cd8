namespace Multinet.E2ETests.RealVpp;

/// <summary>The test's output, also appended to the file <c>MULTINET_VPP_TRANSCRIPT</c> names (a passing test's output is otherwise not shown).</summary>
internal sealed class TranscriptOutput(ITestOutputHelper inner) : ITestOutputHelper
{
    private readonly string? _file = Environment.GetEnvironmentVariable("MULTINET_VPP_TRANSCRIPT");

    public string Output => inner.Output;

    public void Write(string message)
    {
        inner.Write(message);
        Append(message);
    }

    public void Write(string format, params object[] args) => Write(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    public void WriteLine(string message)
    {
        inner.WriteLine(message);
        Append(message + Environment.NewLine);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    private void Append(string text)
    {
        if (!string.IsNullOrEmpty(_file))
        {
            File.AppendAllText(_file, text);
        }
    }
}
