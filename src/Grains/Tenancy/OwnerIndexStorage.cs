namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// The grain storage provider of the offboarding day indexes: the tenancy store's records (same ServiceId and keys,
/// so indexes written before it existed are still found), but kept only for <see cref="Retention"/> after their last
/// use, where keys and usage are kept for good. A day's index lists turns last used that day, which live for the
/// history's idle TTL at most; a day more covers a clock running behind between silos.
/// </summary>
public static class OwnerIndexStorage
{
    public const string Name = "owner-index";

    /// <summary>The index grain's type, the first segment of its records' keys (<c>{ServiceId}/ownerindex/{tenant}/{day}/…</c>).</summary>
    public const string GrainType = "ownerindex";

    public static TimeSpan Retention(TimeSpan sessionTtl) => sessionTtl + TimeSpan.FromDays(1);
}
