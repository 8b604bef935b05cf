using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PubliekeVeranderaars.Core.Media;

/// <summary>How the site's image workers run (<c>Media:ImageWorkers</c> and its neighbours in configuration).</summary>
public sealed record MediaImageWorkerPoolOptions(int Workers, TimeSpan IdleTime, TimeSpan RequestTimeout, int RequestsPerWorker)
{
    /// <summary>Long enough for a batch of uploads or a new page's images to share one worker, short enough to give its memory back soon.</summary>
    public static readonly TimeSpan DefaultIdleTime = TimeSpan.FromSeconds(30);
    /// <summary>A 100-megapixel PNG takes seconds; minutes means a decoder that will not finish.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromMinutes(2);
    /// <summary>A worker that stays busy is replaced now and then all the same, so no leak of a codec's can accumulate.</summary>
    public const int DefaultRequestsPerWorker = 500;

    /// <summary>
    /// Each worker holds up to ~130 MB while it works (bench/README.md): more than four at once would be a burst of
    /// new images costing more memory than the site, and editors upload a few at a time.
    /// </summary>
    public const int MostDefaultWorkers = 4;

    /// <summary>One worker per core, at most <see cref="MostDefaultWorkers"/>.</summary>
    public static MediaImageWorkerPoolOptions Default =>
        new(Math.Min(Environment.ProcessorCount, MostDefaultWorkers), DefaultIdleTime, DefaultRequestTimeout, DefaultRequestsPerWorker);
}

/// <summary>
/// Image pixels are decoded and encoded in worker processes (<see cref="MediaImageWorker"/>), started when an upload,
/// an import or a new variant needs one and ended after <see cref="MediaImageWorkerPoolOptions.IdleTime"/> without work.
/// Why not in the site: libvips, its codecs and the buffers of a photo's strips stay in a process's memory after the
/// work (50 uploads took the site from 240 to over 330 MB, bench/README.md); a worker gives all of it back when it
/// ends. And a decoder is where a hostile file would strike: a crash or a hang costs a worker, not the site, and the
/// worker gets none of the site's settings (passwords, connection strings) in its environment.
/// </summary>
public sealed class MediaImageWorkerPool : IMediaImageProcessor, IDisposable
{
    /// <summary>The worker's program, built beside the site's (the site's project references it).</summary>
    public const string WorkerAssemblyName = "PubliekeVeranderaars.MediaWorker";
    /// <summary>What an upload is told when the work failed for a reason the file may not be to blame for.</summary>
    public const string NotProcessed = "Dit bestand kon niet worden verwerkt. Probeer het opnieuw; lukt het dan nog niet, sla het opnieuw op als JPEG of PNG en upload dat.";
    /// <summary>How long a worker whose input was closed may take to end before it is killed.</summary>
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ShortestReaperPeriod = TimeSpan.FromMilliseconds(100);
    /// <summary>
    /// How long an original whose variant failed (the worker crashed or hung on it) is served as it is without asking
    /// again: else every visitor's request for it would start a worker, or hold one for the whole timeout.
    /// </summary>
    private static readonly TimeSpan FailedRenderMemory = TimeSpan.FromMinutes(10);
    /// <summary>A worker that died without a reply is replaced once; a file that kills every worker is not worth more.</summary>
    private const int Attempts = 2;
    /// <summary>
    /// What the worker inherits of the site's environment: where .NET and the system's tools are, the locale, the
    /// runtime's and libvips' own tuning. Not the site's settings, which hold its passwords.
    /// </summary>
    private static readonly string[] InheritedVariables = ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "DOTNET_ROOT"];
    private static readonly string[] InheritedPrefixes = ["DOTNET_", "VIPS_"];

    private readonly Func<ProcessStartInfo> _startInfo;
    private readonly MediaImageWorkerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<Worker> _idle = new();
    private readonly Lock _idleLock = new();
    private readonly Timer _reaper;
    private readonly ConcurrentDictionary<string, long> _failedRenders = new(StringComparer.Ordinal);
    private int _started;
    private int _running;
    private bool _disposed;

    public MediaImageWorkerPool(Func<ProcessStartInfo> startInfo, MediaImageWorkerPoolOptions options, ILogger<MediaImageWorkerPool>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        _startInfo = startInfo;
        _options = options;
        _logger = logger ?? NullLogger<MediaImageWorkerPool>.Instance;
        _slots = new SemaphoreSlim(options.Workers, options.Workers);
        var period = options.IdleTime / 2 > ShortestReaperPeriod ? options.IdleTime / 2 : ShortestReaperPeriod;
        _reaper = new Timer(_ => EndIdleWorkers(), null, period, period);
    }

    /// <summary>How many workers were started since the pool was made.</summary>
    public int WorkersStarted => Volatile.Read(ref _started);

    /// <summary>How many worker processes are running now, busy or idle.</summary>
    public int WorkersRunning => Volatile.Read(ref _running);

    /// <summary>The worker's program in <paramref name="directory"/>.</summary>
    public static string WorkerPath(string directory) => Path.Combine(directory, WorkerAssemblyName + ".dll");

    /// <summary>
    /// Starts <see cref="WorkerAssemblyName"/> from <paramref name="directory"/> with the .NET host that runs this
    /// process, so the worker runs on the same runtime as the site, from a build folder, a published site or a test's.
    /// </summary>
    public static ProcessStartInfo WorkerIn(string directory)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            // The frames are bytes; no text encoding may add a byte-order mark in front of the first one.
            StandardInputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };
        start.ArgumentList.Add(WorkerPath(directory));
        // The worker ends itself when its parent is no longer this process (MediaWorkerProcess.EndWithTheSite).
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (!InheritedVariables.Contains(name, StringComparer.Ordinal) && !InheritedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
                start.Environment.Remove(name);
        }
        // libvips' threads would each get a glibc arena of their own (bench/README.md); two keep the worker's peak lower.
        start.Environment["MALLOC_ARENA_MAX"] = "2";
        return start;
    }

    /// <summary>The <c>dotnet</c> host beside the runtime this process runs on (its folder is three levels up).</summary>
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    public async Task<ReencodedImage> ReencodeAsync(byte[] upload, MediaFileKind kind, MediaLimits limits, CancellationToken ct)
    {
        var reply = await AskAsync(MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.Reencode, upload, kind, limits), ct);
        return Read(reply, fields =>
        {
            var (width, height) = (fields.ReadInt32(), fields.ReadInt32());
            return new ReencodedImage(reply.Content ?? throw new InvalidDataException("A re-encoded image came back without its bytes."), width, height);
        });
    }

    public async Task<ImportedImage> ForImportAsync(byte[] content, MediaFileKind kind, MediaLimits limits, CancellationToken ct)
    {
        var reply = await AskAsync(MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.ForImport, content, kind, limits), ct);
        return Read(reply, fields => new ImportedImage(reply.Content, fields.ReadInt32(), fields.ReadInt32()));
    }

    public async Task<byte[]?> RenderAsync(string originalPath, int originalWidth, int originalHeight, MediaVariant variant, CancellationToken ct)
    {
        if (_failedRenders.TryGetValue(originalPath, out var failed) && Stopwatch.GetElapsedTime(failed) < FailedRenderMemory) return null;
        try
        {
            var reply = await AskAsync(MediaImageWorkerFrame.RenderRequest(originalPath, originalWidth, originalHeight, variant), ct);
            _failedRenders.TryRemove(originalPath, out _);
            return reply.Content;
        }
        catch (MediaRefusedException)
        {
            // The worker failed (logged): the original is served for a while, then a variant is tried again.
            _failedRenders[originalPath] = Stopwatch.GetTimestamp();
            return null;
        }
    }

    /// <summary>A reply's fields as the request expects them; a reply that does not fit is the worker's failure.</summary>
    private T Read<T>(MediaImageWorkerFrame reply, Func<BinaryReader, T> read)
    {
        try
        {
            return read(reply.Fields());
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            _logger.LogError(e, "An image worker's reply did not fit its request");
            throw new MediaRefusedException(NotProcessed);
        }
    }

    /// <returns>The reply when the work was done.</returns>
    /// <exception cref="MediaRefusedException">The worker refused the file, or failed (then with <see cref="NotProcessed"/>).</exception>
    private async Task<MediaImageWorkerFrame> AskAsync(MediaImageWorkerFrame request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (reply, timedOut) = await ExchangeAsync(request, ct);
            switch (reply?.Code)
            {
                case MediaImageWorkerFrame.Done:
                    return reply;
                case MediaImageWorkerFrame.Refused:
                    throw new MediaRefusedException(Read(reply, fields => fields.ReadString()));
                case MediaImageWorkerFrame.Failed:
                    _logger.LogError("An image worker could not do request {Request}: {Failure}", request.Code, Read(reply, fields => fields.ReadString()));
                    throw new MediaRefusedException(NotProcessed);
                case null when !timedOut && attempt < Attempts:
                    // It died or could not be started: perhaps not this file's doing. A hang is not tried twice.
                    continue;
                default:
                    throw new MediaRefusedException(NotProcessed);
            }
        }
    }

    /// <returns>The worker's reply; null when the worker could not be started, died or took too long (logged).</returns>
    private async Task<(MediaImageWorkerFrame? Reply, bool TimedOut)> ExchangeAsync(MediaImageWorkerFrame request, CancellationToken ct)
    {
        // The caller's token counts while waiting for a worker only: a request half sent would leave the worker
        // reading the rest of it.
        await _slots.WaitAsync(ct);
        Worker? worker = null;
        try
        {
            worker = TakeIdleWorker() ?? StartWorker();
            var reply = await worker.AskAsync(request, _options.RequestTimeout);
            // A deadline that passed just as the reply came has killed the worker all the same: it does not go back.
            if (!worker.TimedOut && ++worker.Served < _options.RequestsPerWorker)
            {
                GiveBack(worker);
                worker = null;
            }
            return (reply, false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Win32Exception or InvalidOperationException or ObjectDisposedException)
        {
            _logger.LogError(e, "An image worker failed on request {Request}{TimedOut}", request.Code,
                worker?.TimedOut == true ? $" (no reply within {_options.RequestTimeout})" : "");
            return (null, worker?.TimedOut == true);
        }
        finally
        {
            try
            {
                worker?.Dispose();
            }
            finally
            {
                _slots.Release();
            }
        }
    }

    private Worker StartWorker()
    {
        var process = Process.Start(_startInfo()) ?? throw new InvalidOperationException("The image worker did not start.");
        Interlocked.Increment(ref _started);
        Interlocked.Increment(ref _running);
        return new Worker(process, () => Interlocked.Decrement(ref _running));
    }

    private Worker? TakeIdleWorker()
    {
        while (true)
        {
            Worker? worker;
            lock (_idleLock) _idle.TryPop(out worker);
            if (worker is null || !worker.HasExited) return worker;
            worker.Dispose();
        }
    }

    private void GiveBack(Worker worker)
    {
        worker.IdleSince = Stopwatch.GetTimestamp();
        lock (_idleLock)
        {
            if (!_disposed)
            {
                _idle.Push(worker);
                return;
            }
        }
        worker.Dispose();
    }

    private void EndIdleWorkers()
    {
        try
        {
            List<Worker> ending;
            lock (_idleLock)
            {
                ending = _idle.Where(w => _disposed || Stopwatch.GetElapsedTime(w.IdleSince) >= _options.IdleTime).ToList();
                if (ending.Count == 0) return;
                var staying = _idle.Except(ending).Reverse().ToList();
                _idle.Clear();
                foreach (var worker in staying) _idle.Push(worker);
            }
            foreach (var worker in ending) worker.Dispose();
        }
        catch (Exception e)
        {
            // On the timer's thread an exception would end the site.
            _logger.LogError(e, "Ending idle image workers failed");
        }
    }

    /// <summary>Ends the idle workers; a busy one ends when its request is done.</summary>
    public void Dispose()
    {
        lock (_idleLock) _disposed = true;
        using (var reaperDone = new ManualResetEvent(false))
        {
            if (_reaper.Dispose(reaperDone)) reaperDone.WaitOne();
        }
        EndIdleWorkers();
    }

    /// <summary>One worker process; used by one request at a time.</summary>
    private sealed class Worker(Process process, Action ended) : IDisposable
    {
        private int _disposed;
        public int Served { get; set; }
        public long IdleSince { get; set; }
        public bool TimedOut { get; private set; }
        public bool HasExited => process.HasExited;

        public async Task<MediaImageWorkerFrame> AskAsync(MediaImageWorkerFrame request, TimeSpan timeout)
        {
            // A worker that does not answer in time is killed: its pipe then ends, and so does the wait for the reply.
            using var deadline = new CancellationTokenSource(timeout);
            await using var kill = deadline.Token.Register(() =>
            {
                TimedOut = true;
                Kill();
            });
            await request.WriteAsync(process.StandardInput.BaseStream, CancellationToken.None);
            return await MediaImageWorkerFrame.ReadAsync(process.StandardOutput.BaseStream, CancellationToken.None)
                ?? throw new EndOfStreamException($"The image worker ended{(process.HasExited ? $" with exit code {process.ExitCode}" : "")} without a reply.");
        }

        /// <summary>Never throws: it runs on timer threads, where an exception would end the site.</summary>
        private void Kill()
        {
            try
            {
                // The worker is one process (dotnet runs the program in itself): no tree to walk.
                process.Kill();
            }
            catch (Exception)
            {
                // Ended already, or cannot be signalled: either way there is nothing more to do here.
            }
        }

        /// <summary>
        /// Closes the worker's input, which ends it; kills it if it has not ended after <see cref="ExitGrace"/>. Does
        /// not wait for it: a request or the reaper goes on at once.
        /// </summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Its end of the pipe is gone already.
            }
            _ = EndAsync();
        }

        private async Task EndAsync()
        {
            try
            {
                using var grace = new CancellationTokenSource(ExitGrace);
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
            finally
            {
                process.Dispose();
                ended();
            }
        }
    }
}
