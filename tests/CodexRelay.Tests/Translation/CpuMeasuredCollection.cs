namespace CodexRelay.Tests.Translation;

/// <summary>
/// Tests that load the CPU and the heap on purpose (100k-item requests, forced collections) run alone, after the
/// others: their pauses would stretch other tests' timers (idle timeouts), and others' work would blur their ratios.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasuredCollection
{
    public const string Name = "CPU-measured, run alone";
}
