using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace PubliekeVeranderaars.Testing;

/// <summary>
/// The site's own binary as a separate process, as staff and servers run it: for the command line, for start-up
/// checks, and for crash tests that kill the process at a chosen moment.
/// </summary>
public sealed class SiteProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SiteProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', _lines);

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static SiteProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        new(Process.Start(StartInfo(environment, args))!);

    /// <summary>Runs a command to its end; a process still running after <paramref name="timeout"/> is killed (exit -1).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout,
        params string[] args)
    {
        using var process = Start(environment, args);
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process._process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            return (-1, process.Output + "\n(killed after " + timeout + ")");
        }
        // WaitForExit without a timeout also waits for the redirected streams to be read to their end.
        process._process.WaitForExit();
        return (process.ExitCode, process.Output);
    }

    /// <summary>Waits until the output holds a line matching <paramref name="match"/>; fails after the timeout.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_lines.Any(match)) return;
            if (_process.HasExited) throw new InvalidOperationException("The site exited early:\n" + Output);
            await Task.Delay(50);
        }
        throw new TimeoutException("The site did not write the expected line:\n" + Output);
    }

    /// <summary>As a power cut or the OOM killer would: no shutdown, no flushing, nothing finished.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PubliekeVeranderaars.Web.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
