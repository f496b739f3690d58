using CodexRelay.Bench.Micro;
using CodexRelay.Bench.Probe;
using CodexRelay.Bench.Upstream;

// bench/run.sh drives these: `upstream` (paced Chat upstream that records what it receives),
// `probe` (time to first byte and inter-chunk gaps), `micro` (BenchmarkDotNet, translation and streaming).
return args.FirstOrDefault() switch
{
    "upstream" => await PacedUpstream.RunAsync(args[1..]),
    "probe" => await StreamProbe.RunAsync(args[1..]),
    "micro" => MicroBenchmarks.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: CodexRelay.Bench upstream|probe|micro [options]  (see bench/run.sh)");
    return 2;
}
