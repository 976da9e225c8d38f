using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Dorset.Telehealth.Benchmarks.Profiling;

/// <summary>
/// Where a process's CPU went, from `perf script` samples. A sample inside a system call is put under that call
/// (the leaf-most one on its stack: the WAL's pwrite, the commit's fsync, a socket's recv), whatever user code made it;
/// any other sample under GC or the JIT when either is on its stack, else under the leaf-most frame that belongs to a
/// known owner (SQLite, the writer, MQTTnet, the gateway). SQLite and libc are built without frame pointers, so a
/// stack often stops at <c>__libc_pwrite</c>; only SQLite calls pread/pwrite/fdatasync in the gateway (sockets use
/// send/recv), which is what the storage names rely on.
/// </summary>
public sealed class CpuProfile
{
    private static readonly (string Name, string[] Frame)[] s_systemCalls =
    [
        ("storage: fsync of the WAL at each commit", ["__x64_sys_fdatasync", "__x64_sys_fsync", "fdatasync", "fsync"]),
        ("storage: WAL and checkpoint writes (pwrite)", ["__x64_sys_pwrite64", "__libc_pwrite"]),
        ("storage: page reads (pread: checkpoints reading the WAL back)", ["__x64_sys_pread64", "__libc_pread"]),
        ("network: socket receive (recv)", ["__x64_sys_recvfrom", "__libc_recv", "__x64_sys_recvmsg"]),
        ("network: socket send (send)", ["__x64_sys_sendto", "__send", "__x64_sys_sendmsg", "__libc_send"]),
        ("threads: epoll waits for sockets", ["do_epoll_wait", "epoll_wait"]),
        ("threads: futex wake-ups and waits", ["__x64_sys_futex"]),
        ("threads: yields (spin-waiting)", ["__x64_sys_sched_yield", "__sched_yield"]),
    ];

    private static readonly (string Name, string[] Frame)[] s_anywhere =
    [
        ("GC", ["gc_heap", "GCHeap"]),
        ("JIT compiling (the warm-up was too short if this is large)", ["libclrjit"]),
    ];

    private static readonly (string Name, string[] Frame)[] s_owners =
    [
        ("storage: SQLite b-trees and statements (native)", ["libe_sqlite3"]),
        ("storage: the writer's managed code (Microsoft.Data.Sqlite, rows, alert rules)", ["GroupCommitWriter", "[Microsoft.Data.Sqlite]", "ReadingAlerting", "[Dorset.Telehealth.Clinical]", "[SQLitePCLRaw"]),
        ("MQTTnet (managed)", ["[MQTTnet"]),
        ("gateway: decode, map, ACL, metrics (managed)", ["[dorset-gateway]", "[Dorset.Telehealth", "[prometheus-net]"]),
        ("network: the runtime's socket engine (managed)", ["[System.Net.Sockets]"]),
    ];

    private CpuProfile(int samples, IReadOnlyList<(string Category, int Samples)> categories, IReadOnlyList<(string Frame, int Samples)> leaves)
    {
        Samples = samples;
        Categories = categories;
        Leaves = leaves;
    }

    /// <summary>Samples counted.</summary>
    public int Samples { get; }

    /// <summary>Samples per category, largest first (the last is what no rule matched).</summary>
    public IReadOnlyList<(string Category, int Samples)> Categories { get; }

    /// <summary>The leaf frames (where the CPU was when sampled) seen most, largest first.</summary>
    public IReadOnlyList<(string Frame, int Samples)> Leaves { get; }

    /// <summary>Parses `perf script` output: a header line per sample, its frames indented below it, a blank line after.</summary>
    public static CpuProfile Parse(TextReader script)
    {
        var byCategory = new Dictionary<string, int>(StringComparer.Ordinal);
        var byLeaf = new Dictionary<string, int>(StringComparer.Ordinal);
        var frames = new List<string>();
        int samples = 0;
        void Flush()
        {
            if (frames.Count == 0)
            {
                return;
            }

            samples++;
            string category = Categorise(frames);
            byCategory[category] = byCategory.GetValueOrDefault(category) + 1;
            string leaf = Symbol(frames[0]);
            byLeaf[leaf] = byLeaf.GetValueOrDefault(leaf) + 1;
            frames.Clear();
        }

        while (script.ReadLine() is string line)
        {
            if (line.Length == 0)
            {
                Flush();
            }
            else if (char.IsWhiteSpace(line[0]))
            {
                frames.Add(line.Trim());
            }
        }

        Flush();
        return new CpuProfile(samples,
            byCategory.OrderByDescending(p => p.Value).Select(p => (p.Key, p.Value)).ToList(),
            byLeaf.OrderByDescending(p => p.Value).Take(12).Select(p => (p.Key, p.Value)).ToList());
    }

    private static string Categorise(List<string> leafFirst)
    {
        return LeafMost(s_systemCalls, leafFirst)
            ?? s_anywhere.FirstOrDefault(c => leafFirst.Any(f => Matches(c.Frame, f))).Name
            ?? LeafMost(s_owners, leafFirst)
            ?? (leafFirst[0].Contains("[kernel.kallsyms]", StringComparison.Ordinal) ? "other kernel (interrupts, page faults, scheduler)" : "other runtime (thread pool, async machinery, libc)");
    }

    private static string? LeafMost((string Name, string[] Frame)[] categories, List<string> leafFirst)
    {
        foreach (string frame in leafFirst)
        {
            foreach (var (name, names) in categories)
            {
                if (Matches(names, frame))
                {
                    return name;
                }
            }
        }

        return null;
    }

    // A frame is "address symbol+offset (file)"; a name matches anywhere in it, symbol or file.
    private static bool Matches(string[] names, string frame) => names.Any(n => frame.Contains(n, StringComparison.Ordinal));

    // "7f2a1c 	instance void [MQTTnet] X::Y()[OptimizedTier1] (/tmp/perf-1.map)" -> the symbol, without address and file.
    private static string Symbol(string frame)
    {
        int space = frame.IndexOf(' ');
        string symbol = space < 0 ? frame : frame[(space + 1)..];
        int file = symbol.LastIndexOf(" (", StringComparison.Ordinal);
        symbol = file > 0 ? symbol[..file] : symbol;
        int offset = symbol.LastIndexOf("+0x", StringComparison.Ordinal);
        return offset > 0 ? symbol[..offset] : symbol;
    }
}
