using Liaison.Fuzz;

// Under afl-fuzz (fuzz/run.sh): `dotnet Liaison.Fuzz.dll TARGET`, one input per run from the fuzzer.
// By hand: `dotnet Liaison.Fuzz.dll TARGET FILE` runs one input and shows any exception.
if (args.Length is < 1 or > 2 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Liaison.Fuzz {string.Join("|", FuzzTargets.Names)} [FILE]");
    return 2;
}

if (args.Length == 2)
{
    FuzzTargets.Run(args[0], File.ReadAllBytes(args[1]));
    return 0;
}

SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    FuzzTargets.Run(args[0], buffer.ToArray());
});
return 0;
