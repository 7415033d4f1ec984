namespace Liaison.Domain.Custody;

/// <summary>The probable-cause grounds of Form I-247A, box 1.</summary>
public enum ProbableCauseBasis
{
    FinalOrder,
    PendingProceedings,

    /// <summary>Biometric confirmation of identity plus records showing no status. Counts only after a DHS match.</summary>
    BiometricAndRecords,
    StatementsAndEvidence,
}

/// <summary>An immutable set of probable-cause bases, as an officer ticked them.</summary>
public readonly record struct ProbableCauseBasisSet
{
    private readonly byte _bits;

    private ProbableCauseBasisSet(byte bits) => _bits = bits;

    public static ProbableCauseBasisSet Empty => default;

    public static ProbableCauseBasisSet Of(IEnumerable<ProbableCauseBasis> bases)
    {
        ArgumentNullException.ThrowIfNull(bases);
        byte bits = 0;
        foreach (var basis in bases)
        {
            bits |= Bit(basis);
        }

        return new ProbableCauseBasisSet(bits);
    }

    public bool IsEmpty => _bits == 0;

    public bool Contains(ProbableCauseBasis basis) => (_bits & Bit(basis)) != 0;

    public ProbableCauseBasisSet Without(ProbableCauseBasis basis) => new((byte)(_bits & ~Bit(basis)));

    public IEnumerable<ProbableCauseBasis> Items => Enum.GetValues<ProbableCauseBasis>().Where(Contains);

    /// <summary>
    /// The bases that really establish probable cause for this booking: foreign birth plus a database
    /// miss is not probable cause (ICE Policy 10074.2), so biometric grounds need a recorded DHS match.
    /// </summary>
    public ProbableCauseBasisSet Effective(bool biometricMatchRecorded) =>
        biometricMatchRecorded ? this : Without(ProbableCauseBasis.BiometricAndRecords);

    private static byte Bit(ProbableCauseBasis basis) => (byte)(1 << (int)basis);
}
