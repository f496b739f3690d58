using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CodexRelay.Bench.Micro;

/// <summary>
/// Runs the BenchmarkDotNet classes in process (no generated project to build: two shared cores) with a short job,
/// so the whole harness stays within a few minutes. Pass BenchmarkDotNet arguments after `micro`.
/// </summary>
internal static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(5);
        var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary);
        var summary = BenchmarkSwitcher.FromTypes([typeof(TranslationBenchmarks), typeof(StreamMachineBenchmarks)]).Run(args.Length > 0 ? args : ["--filter", "*"], config);
        return summary.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
