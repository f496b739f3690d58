namespace CodexRelay.Grains.Tenancy;

/// <summary>
/// The grain storage provider of keys, tenants, limits and usage: the same kind of store as the history, under its
/// own ServiceId and without the history's idle TTL (a key or a month of usage must not expire with a conversation).
/// </summary>
public static class TenancyStorage
{
    public const string Name = "tenancy";

    public const string ServiceId = "codexrelay-tenancy";
}

/// <summary>
/// Whether the tenancy store outlives the silo. The memory store does not: its records go with the silo, so a grain
/// shutting down has nothing to save, and Orleans no longer routes to the memory store's own grains by then.
/// </summary>
internal sealed record TenancyDurability(bool OutlivesSilo)
{
    /// <summary>Whether a grain deactivating for <paramref name="reason"/> has anything worth saving or sending on.</summary>
    public static bool WorthSaving(Grain grain, DeactivationReason reason) =>
        reason.ReasonCode != DeactivationReasonCode.ShuttingDown
        || grain.GrainContext.ActivationServices.GetService(typeof(TenancyDurability)) is not TenancyDurability { OutlivesSilo: false };
}
