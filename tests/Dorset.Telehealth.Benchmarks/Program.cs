using Dorset.Telehealth.Benchmarks.Suite;

// One verb per measure, and `all` for every one of them and the results page; see README.md beside this file.
return await BenchmarkCommandLine.RunAsync(args);
