using Dorset.Telehealth.Gateway.Benchmarks;

return await BenchmarkRunner.RunAsync(args);
