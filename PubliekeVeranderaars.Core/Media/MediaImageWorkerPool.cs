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

    /// <summary>One worker per core: as many images at a time as libvips could process in the site itself.</summary>
    public static MediaImageWorkerPoolOptions Default => new(Environment.ProcessorCount, DefaultIdleTime, DefaultRequestTimeout, DefaultRequestsPerWorker);
}

/// <summary>
/// Image pixels are decoded and encoded in worker processes (<see cref="MediaImageWorker"/>), started when an upload,
/// an import or a new variant needs one and ended after <see cref="MediaImageWorkerPoolOptions.IdleTime"/> without work.
/// Why not in the site: libvips, its codecs and the buffers of a photo's strips stay in a process's memory after the
/// work (50 uploads took the site from 240 to over 330 MB, bench/README.md); a worker gives all of it back when it
/// ends. And a decoder is where a hostile file would strike: a crash or a hang costs a worker, not the site.
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

    private readonly Func<ProcessStartInfo> _startInfo;
    private readonly MediaImageWorkerPoolOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<Worker> _idle = new();
    private readonly Lock _idleLock = new();
    private readonly Timer _reaper;
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
        start.ArgumentList.Add(Path.Combine(directory, WorkerAssemblyName + ".dll"));
        // libvips' threads would each get a glibc arena of their own (bench/README.md); the worker's memory is given
        // back when it ends, but its peak is lower with two.
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
        var fields = reply.Fields();
        var (width, height) = (fields.ReadInt32(), fields.ReadInt32());
        return new ReencodedImage(reply.Content ?? throw new InvalidDataException("A re-encoded image came back without its bytes."), width, height);
    }

    public async Task<ImportedImage> ForImportAsync(byte[] content, MediaFileKind kind, MediaLimits limits, CancellationToken ct)
    {
        var reply = await AskAsync(MediaImageWorkerFrame.ImageRequest(MediaImageWorkerFrame.ForImport, content, kind, limits), ct);
        var fields = reply.Fields();
        return new ImportedImage(reply.Content, fields.ReadInt32(), fields.ReadInt32());
    }

    public async Task<byte[]?> RenderAsync(string originalPath, int originalWidth, int originalHeight, MediaVariant variant, CancellationToken ct)
    {
        try
        {
            var reply = await AskAsync(MediaImageWorkerFrame.RenderRequest(originalPath, originalWidth, originalHeight, variant), ct);
            return reply.Content;
        }
        catch (MediaRefusedException)
        {
            // The worker failed (logged): the original is served this time, and the next request tries again.
            return null;
        }
    }

    /// <returns>The reply when the work was done.</returns>
    /// <exception cref="MediaRefusedException">The worker refused the file, or failed (then with <see cref="NotProcessed"/>).</exception>
    private async Task<MediaImageWorkerFrame> AskAsync(MediaImageWorkerFrame request, CancellationToken ct)
    {
        var reply = await ExchangeAsync(request, ct);
        switch (reply?.Code)
        {
            case MediaImageWorkerFrame.Done:
                return reply;
            case MediaImageWorkerFrame.Refused:
                throw new MediaRefusedException(reply.Fields().ReadString());
            case MediaImageWorkerFrame.Failed:
                _logger.LogError("An image worker could not do request {Request}: {Failure}", request.Code, reply.Fields().ReadString());
                throw new MediaRefusedException(NotProcessed);
            default:
                throw new MediaRefusedException(NotProcessed);
        }
    }

    /// <returns>The worker's reply; null when the worker could not be started, died or took too long (logged).</returns>
    private async Task<MediaImageWorkerFrame?> ExchangeAsync(MediaImageWorkerFrame request, CancellationToken ct)
    {
        // The caller's token counts while waiting for a worker only: a request half sent would leave the worker
        // reading the rest of it.
        await _slots.WaitAsync(ct);
        Worker? worker = null;
        try
        {
            worker = TakeIdleWorker() ?? StartWorker();
            var reply = await worker.AskAsync(request, _options.RequestTimeout);
            if (++worker.Served < _options.RequestsPerWorker)
            {
                GiveBack(worker);
                worker = null;
            }
            return reply;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or Win32Exception or InvalidOperationException)
        {
            _logger.LogError(e, "An image worker failed on request {Request}{TimedOut}", request.Code,
                worker?.TimedOut == true ? $" (no reply within {_options.RequestTimeout})" : "");
            return null;
        }
        finally
        {
            worker?.Dispose();
            _slots.Release();
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

    public void Dispose()
    {
        lock (_idleLock) _disposed = true;
        _reaper.Dispose();
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
                ?? throw new EndOfStreamException($"The image worker ended (exit code {ExitCode()}) without a reply.");
        }

        private string ExitCode() => process.WaitForExit(ExitGrace) ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";

        private void Kill()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Already ended.
            }
        }

        /// <summary>Closes the worker's input, which ends it; kills it if it does not end in <see cref="ExitGrace"/>.</summary>
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
            if (!process.WaitForExit(ExitGrace)) Kill();
            process.Dispose();
            ended();
        }
    }
}
