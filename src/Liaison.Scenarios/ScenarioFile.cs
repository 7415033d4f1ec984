using Liaison.Domain.Agreements;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;

namespace Liaison.Scenarios;

/// <summary>A parsed, valid scenario file: the world (jurisdiction, agreements, officers) and the steps to play in it.</summary>
public sealed record ScenarioFile(
    string Name,
    Jurisdiction Jurisdiction,
    IReadOnlyList<Agreement> Agreements,
    IReadOnlyList<Officer> Officers,
    IReadOnlyList<CustodyStep> Steps)
{
    public CustodyEngine CreateEngine() => new(Jurisdiction, Agreements, Officers);
}

/// <summary>A file that is not run at all: <see cref="Path"/> is the JSON path of the problem, e.g. <c>$.steps[3].action</c>.</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public ScenarioFormatException()
        : this("$", "invalid scenario")
    {
    }

    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
        Problem = message;
    }

    public string Path { get; }

    public string Problem { get; }
}
