using Dorset.Telehealth.Cloud.Benchmarks;

return await CloudIngestionBenchmark.RunAsync(args);
